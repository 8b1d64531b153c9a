using Microsoft.Data.Sqlite;

namespace Carmen.Silo.Storage.Sqlite;

internal sealed class SqliteWrite<T>(Func<SqliteTransaction, T> work, CancellationToken cancellationToken) : SqliteWrite
{
    private readonly TaskCompletionSource<T> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private T? _result;

    public Task<T> Task => _completion.Task;

    public override bool IsCanceled => cancellationToken.IsCancellationRequested && _completion.TrySetCanceled(cancellationToken);

    public override void Execute(SqliteTransaction transaction) => _result = work(transaction);

    public override void Succeed() => _completion.TrySetResult(_result!);

    public override void Fail(Exception failure) => _completion.TrySetException(failure);
}
