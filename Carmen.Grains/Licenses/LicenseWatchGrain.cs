using Carmen.Grains.Interfaces;
using Carmen.Grains.Interfaces.Licenses;
using Microsoft.Extensions.Logging;

namespace Carmen.Grains.Licenses;

/// <summary>
/// Which tenants hold licenses, so that the periodic check visits those and no others. Checks run one at a time;
/// a tenant is added one-way, so an import never waits for a check that is waiting for it.
/// </summary>
[GrainType("license-watch")]
public sealed partial class LicenseWatchGrain(
    [PersistentState("license-watch", StorageNames.Tenants)] IPersistentState<LicenseWatchState> watch,
    ILogger<LicenseWatchGrain> logger) : Grain, ILicenseWatchGrain
{
    public async Task WatchAsync(string tenantId, CancellationToken cancellationToken)
    {
        if (watch.State.Tenants.Add(tenantId))
        {
            await watch.WriteStateAsync(cancellationToken);
        }
    }

    public async Task CheckAllAsync(CancellationToken cancellationToken)
    {
        var dropped = new List<string>();
        foreach (string tenantId in watch.State.Tenants.ToList())
        {
            try
            {
                if (!await GrainFactory.GetGrain<ITenantLicensesGrain>(tenantId).CheckWarningsAsync(cancellationToken))
                {
                    dropped.Add(tenantId);
                }
            }
            catch (Exception failure) when (failure is not OperationCanceledException)
            {
                LogCheckFailed(failure, tenantId); // the next round tries again; one tenant does not stop the others
            }
        }

        if (dropped.Count > 0)
        {
            watch.State.Tenants.ExceptWith(dropped);
            await watch.WriteStateAsync(cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "License warnings of tenant {TenantId} could not be checked")]
    private partial void LogCheckFailed(Exception exception, string tenantId);
}
