using System.Threading.Channels;
using Carmen.Grains.Platform;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace Carmen.Silo.Storage.Sqlite;

/// <summary>
/// The embedded store: one SQLite file in WAL mode. All writes go through one writer thread that commits whatever
/// is queued in a single transaction (group commit), each write in its own savepoint so one failure does not sink
/// the others; callers are released only after the commit. Reads run on pooled connections off the grain scheduler.
/// </summary>
public sealed partial class SqliteDatabase : IStoreProbe, IAsyncDisposable
{
    public const string FileName = "carmen.db";

    private readonly string _connectionString;
    private readonly SqliteOptions _options;
    private readonly ILogger<SqliteDatabase> _logger;
    private readonly Channel<SqliteWrite> _writes = Channel.CreateUnbounded<SqliteWrite>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _writer;

    /// <summary>Grain state, reminders and the device index, in carmen.db.</summary>
    public SqliteDatabase(string dataDirectory, IOptions<SqliteOptions> options, ILogger<SqliteDatabase> logger)
        : this(dataDirectory, FileName, SqliteSchema.StateMigrations, options, logger)
    {
    }

    /// <summary>A database file of its own with its own migrations and writer (telemetry history, so its volume never delays state writes).</summary>
    public SqliteDatabase(string dataDirectory, string fileName, string migrations, IOptions<SqliteOptions> options, ILogger<SqliteDatabase> logger)
    {
        OwnerOnlyFiles.SecureDirectory(dataDirectory);
        Path = System.IO.Path.GetFullPath(System.IO.Path.Combine(dataDirectory, fileName));
        OwnerOnlyFiles.SecureFile(Path);
        _connectionString = new SqliteConnectionStringBuilder { DataSource = Path, Pooling = true, DefaultTimeout = 30 }.ToString();
        _options = options.Value;
        _logger = logger;
        SqliteSchema.Apply(OpenConnection(), migrations, logger);
        _writer = Task.Factory.StartNew(RunWriterAsync, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap();
    }

    public string Path { get; }

    /// <summary>Queues <paramref name="work"/> for the next group commit; completes once it is committed.</summary>
    public Task<T> WriteAsync<T>(Func<SqliteTransaction, T> work, CancellationToken cancellationToken = default)
    {
        var write = new SqliteWrite<T>(work, cancellationToken);
        return _writes.Writer.TryWrite(write) ? write.Task : Task.FromException<T>(new ObjectDisposedException(nameof(SqliteDatabase)));
    }

    /// <summary>Runs <paramref name="work"/> on a pooled connection on the thread pool.</summary>
    public Task<T> ReadAsync<T>(Func<SqliteConnection, T> work, CancellationToken cancellationToken = default) =>
        Task.Run(() =>
        {
            using SqliteConnection connection = OpenConnection();
            return work(connection);
        }, cancellationToken);

    public Task PingAsync(CancellationToken cancellationToken = default) =>
        ReadAsync(connection => connection.ExecuteScalar<long>("SELECT count(*) FROM schema_version"), cancellationToken);

    public async ValueTask DisposeAsync()
    {
        _writes.Writer.TryComplete();
        await _writer;
        using var pooled = new SqliteConnection(_connectionString);
        SqliteConnection.ClearPool(pooled); // this file's pool only: a drill's scratch store must not empty the node's
    }

    private SqliteConnection OpenConnection()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        return connection;
    }

    private async Task RunWriterAsync()
    {
        using SqliteConnection connection = OpenConnection();
        connection.ExecuteNonQuery($"PRAGMA synchronous = {_options.Synchronous}");
        connection.ExecuteNonQuery($"PRAGMA cache_size = -{_options.WriterCacheKiB}");
        var batch = new List<SqliteWrite>(_options.MaxBatchSize);
        while (await _writes.Reader.WaitToReadAsync())
        {
            batch.Clear();
            while (batch.Count < _options.MaxBatchSize && _writes.Reader.TryRead(out SqliteWrite? write))
            {
                if (!write.IsCanceled)
                {
                    batch.Add(write);
                }
            }

            Commit(connection, batch);
        }
    }

    private void Commit(SqliteConnection connection, List<SqliteWrite> batch)
    {
        var applied = new List<SqliteWrite>(batch.Count);
        try
        {
            using SqliteTransaction transaction = connection.BeginTransaction();
            foreach (SqliteWrite write in batch)
            {
                transaction.Save("write");
                try
                {
                    write.Execute(transaction);
                    transaction.Release("write");
                    applied.Add(write);
                }
                catch (Exception failure)
                {
                    transaction.Rollback("write");
                    transaction.Release("write");
                    write.Fail(failure);
                }
            }

            transaction.Commit();
        }
        catch (Exception failure)
        {
            LogCommitFailed(failure, batch.Count);
            applied.ForEach(write => write.Fail(failure));
            return;
        }

        applied.ForEach(write => write.Succeed());
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Embedded store commit of {Count} writes failed")]
    private partial void LogCommitFailed(Exception exception, int count);
}
