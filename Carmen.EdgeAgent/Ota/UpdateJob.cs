namespace Carmen.EdgeAgent.Ota;

/// <summary>
/// One action in progress on the device: the newest offer for it, and whether it may still be stopped. It can be
/// canceled until its install starts, never after: an install cut halfway leaves the device in neither version.
/// </summary>
public sealed class UpdateJob : IDisposable
{
    private const int Preparing = 0;
    private const int Installing = 1;
    private const int Stopped = 2;

    private readonly CancellationTokenSource _cancel;
    private readonly SemaphoreSlim _changed = new(0);
    private volatile UpdateOffer _offer;
    private int _phase = Preparing;

    private UpdateJob(UpdateOffer offer, CancellationToken stopping)
    {
        _offer = offer;
        _cancel = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        Completion = Task.CompletedTask;
    }

    public long ActionId => _offer.ActionId;

    public OfferKind Kind => _offer.Kind;

    /// <summary>The newest offer: Carmen pushes the action again when its maintenance window opens or it becomes forced.</summary>
    public UpdateOffer Offer => _offer;

    public Task Completion { get; private set; }

    /// <summary>Canceled when the job is stopped or the agent stops.</summary>
    public CancellationToken Canceled => _cancel.Token;

    public static UpdateJob Start(UpdateOffer offer, Func<UpdateJob, Task> run, CancellationToken stopping)
    {
        var job = new UpdateJob(offer, stopping);
        job.Completion = Task.Run(() => run(job), CancellationToken.None);
        return job;
    }

    public void Refresh(UpdateOffer offer)
    {
        _offer = offer;
        _changed.Release();
    }

    /// <summary>Waits for a newer offer, or for <paramref name="timeout"/> to look again at what the device decides locally.</summary>
    public Task WaitForChangeAsync(TimeSpan timeout) => _changed.WaitAsync(timeout, Canceled);

    /// <summary>Claims the install; false when the job was stopped first.</summary>
    public bool TryBeginInstall() => Interlocked.CompareExchange(ref _phase, Installing, Preparing) == Preparing;

    /// <summary>Stops the job unless it is installing; true once it has stopped.</summary>
    public async Task<bool> TryStopAsync()
    {
        int phase = Interlocked.CompareExchange(ref _phase, Stopped, Preparing);
        if (phase == Installing && !Completion.IsCompleted)
        {
            return false;
        }

        await _cancel.CancelAsync();
        await Completion.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        return true;
    }

    public void Dispose()
    {
        _cancel.Dispose();
        _changed.Dispose();
    }
}
