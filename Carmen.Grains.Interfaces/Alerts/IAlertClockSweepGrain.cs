namespace Carmen.Grains.Interfaces.Alerts;

/// <summary>
/// The cluster's one sweep (key 0) for offline devices whose time-based alert came due while no grain held their
/// timer: a silo was lost with their activations. It wakes them from the device index, so they raise the alert.
/// </summary>
[Alias("Carmen.IAlertClockSweepGrain")]
public interface IAlertClockSweepGrain : IGrainWithIntegerKey
{
    /// <summary>Starts the sweep and its reminder; every silo calls this at start-up, and later calls change nothing.</summary>
    [Alias("Start")]
    Task StartAsync(CancellationToken cancellationToken = default);
}
