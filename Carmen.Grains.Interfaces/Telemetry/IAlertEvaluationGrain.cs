using Orleans.Concurrency;

namespace Carmen.Grains.Interfaces.Telemetry;

/// <summary>
/// A tenant's alert evaluation (keyed by tenant id), subscribed implicitly to the tenant's telemetry stream: the
/// consumer that alert rules evaluate in.
/// </summary>
[Alias("Carmen.IAlertEvaluationGrain")]
public interface IAlertEvaluationGrain : IGrainWithStringKey
{
    /// <summary>What arrived so far.</summary>
    [Alias("GetStatistics"), ReadOnly]
    Task<AlertEvaluationStatistics> GetStatisticsAsync(CancellationToken cancellationToken = default);
}
