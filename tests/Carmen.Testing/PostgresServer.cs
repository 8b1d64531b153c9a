using System.Diagnostics;
using Npgsql;

namespace Carmen.Testing;

/// <summary>
/// A PostgreSQL server of its own for a test class: initdb into a temporary directory, listening on a free port of
/// 127.0.0.1 only, trust authentication, stopped and removed on dispose. Uses Debian's postgresql server binaries;
/// as root it runs them as the postgres user, since initdb refuses to run as root.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    private readonly string _directory;

    private PostgresServer(string directory, int port)
    {
        _directory = directory;
        Port = port;
    }

    public int Port { get; }

    /// <summary>The directory holding initdb and pg_ctl, or null when PostgreSQL is not installed.</summary>
    public static string? BinDirectory { get; } = FindBinDirectory();

    public static bool IsInstalled => BinDirectory is not null;

    public const string NotInstalledMessage = "PostgreSQL server binaries (initdb, pg_ctl) not found: install Debian's postgresql package to run the PostgreSQL tests.";

    public static async Task<PostgresServer> StartAsync()
    {
        string directory = Path.Combine(Path.GetTempPath(), "carmen-pg-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(directory);
        int port = FreePorts.Next();
        var server = new PostgresServer(directory, port);
        try
        {
            await RunAsync("chmod", "700", directory);
            if (RunningAsRoot)
            {
                await RunAsync("chown", "postgres:postgres", directory);
            }

            string data = Path.Combine(directory, "data");
            await RunPostgresToolAsync("initdb", "-D", data, "-U", "carmen", "-A", "trust", "-E", "UTF8", "--no-sync");
            await RunPostgresToolAsync("pg_ctl", "-D", data, "-l", Path.Combine(directory, "server.log"), "-w", "-t", "60",
                "-o", $"-p {port} -k {directory} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c max_connections=200",
                "start");
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    public string ConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = Port, Username = "carmen", Database = database, Pooling = true }.ToString();

    /// <summary>A new, empty database; its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string? name = null)
    {
        name ??= "carmen_" + Guid.NewGuid().ToString("N")[..12];
        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await command.ExecuteNonQueryAsync();
        return ConnectionString(name);
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        string data = Path.Combine(_directory, "data");
        if (File.Exists(Path.Combine(data, "postmaster.pid")))
        {
            await RunPostgresToolAsync("pg_ctl", "-D", data, "-m", "immediate", "-w", "stop");
        }

        Directory.Delete(_directory, recursive: true);
    }

    private static bool RunningAsRoot => Environment.UserName == "root";

    private static Task RunPostgresToolAsync(string tool, params string[] arguments)
    {
        string executable = Path.Combine(BinDirectory ?? throw new InvalidOperationException(NotInstalledMessage), tool);
        return RunningAsRoot ? RunAsync("runuser", ["-u", "postgres", "--", executable, .. arguments]) : RunAsync(executable, arguments);
    }

    private static async Task RunAsync(string executable, params string[] arguments)
    {
        var start = new ProcessStartInfo(executable, arguments) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        using Process process = Process.Start(start)!;
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{executable} {string.Join(' ', arguments)} exited with {process.ExitCode}:\n{await output}\n{await errors}");
        }
    }

    private static string? FindBinDirectory()
    {
        IEnumerable<string> candidates = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':')
            .Concat(Directory.Exists("/usr/lib/postgresql")
                ? Directory.GetDirectories("/usr/lib/postgresql").OrderDescending(StringComparer.Ordinal).Select(version => Path.Combine(version, "bin"))
                : []);
        return candidates.FirstOrDefault(directory =>
            File.Exists(Path.Combine(directory, "initdb")) && File.Exists(Path.Combine(directory, "pg_ctl")));
    }
}
