using Carmen.Grains.Interfaces.Platform;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Carmen.Api.Hosting;

/// <summary>Ready when a grain call round-trips through the cluster and the store behind it answers.</summary>
public sealed class ClusterReadyHealthCheck(IGrainFactory grains) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await grains.GetGrain<IStoreHealthGrain>(0).CheckAsync(cancellationToken).WaitAsync(TimeSpan.FromSeconds(5), cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception failure) when (failure is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy("The cluster or its store does not answer.", failure);
        }
    }
}
