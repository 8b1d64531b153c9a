namespace Carmen.Grains.Audit;

/// <summary>A numbered, chained record waiting for the next commit, and whoever waits for it.</summary>
internal sealed class PendingAppend(AuditStoreRow row)
{
    private readonly TaskCompletionSource<long> _committed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public AuditStoreRow Row { get; } = row;

    public Task<long> Committed => _committed.Task;

    public void Succeed() => _committed.TrySetResult(Row.Id);

    public void Fail(Exception failure) => _committed.TrySetException(failure);
}
