using Carmen.Grains.Interfaces.Telemetry;
using Orleans.Streams;
using Orleans.Streams.Core;

namespace Carmen.Grains.Alerts;

/// <summary>
/// The alert-evaluation end of the telemetry fan-out: one activation per tenant, woken by the tenant's telemetry
/// stream (implicit subscription, so no subscription state to store or lose). Rule evaluation plugs in at
/// <see cref="OnNextAsync"/>; until rules exist it keeps delivery statistics, which prove the path end to end.
/// </summary>
[GrainType("alert-evaluation"), ImplicitStreamSubscription(TelemetryBatch.StreamNamespace)]
public sealed class AlertEvaluationGrain(TimeProvider time) : Grain, IAlertEvaluationGrain, IStreamSubscriptionObserver, IAsyncObserver<TelemetryBatch>
{
    private long _batches;
    private long _points;
    private DateTimeOffset? _lastReceivedAt;

    public async Task OnSubscribed(IStreamSubscriptionHandleFactory handleFactory) =>
        await handleFactory.Create<TelemetryBatch>().ResumeAsync(this);

    public Task OnNextAsync(TelemetryBatch item, StreamSequenceToken? token = null)
    {
        _batches++;
        _points += item.PointCount;
        _lastReceivedAt = time.GetUtcNow();
        return Task.CompletedTask;
    }

    public Task OnCompletedAsync() => Task.CompletedTask;

    public Task OnErrorAsync(Exception ex) => Task.CompletedTask;

    public Task<AlertEvaluationStatistics> GetStatisticsAsync(CancellationToken cancellationToken) =>
        Task.FromResult(new AlertEvaluationStatistics(_batches, _points, _lastReceivedAt));
}
