using Carmen.Grains.Devices;
using Carmen.Grains.Interfaces.Connectivity;
using Carmen.Grains.Interfaces.Devices;
using Carmen.Silo.Hosting;

namespace Carmen.Silo.Mqtt;

/// <summary>
/// Takes devices offline whose connection was held by a silo that is gone: one that died in a cluster, or this
/// node's previous run after a crash. Runs on every membership change (and at start, with the first snapshot), on
/// one silo only, the lowest active address, so the work is not repeated. No per-device timers: the index knows
/// which devices each silo held.
/// </summary>
internal sealed partial class ConnectionSweeper(
    IClusterMembershipService membership,
    ILocalSiloDetails silo,
    IDeviceIndex index,
    IGrainFactory grains,
    ILogger<ConnectionSweeper> logger) : BackgroundService
{
    private const int Parallelism = 64;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (ClusterMembershipSnapshot snapshot in membership.MembershipUpdates.WithCancellation(stoppingToken))
            {
                await SweepAsync(snapshot, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    private async Task SweepAsync(ClusterMembershipSnapshot snapshot, CancellationToken cancellationToken)
    {
        if (!SiloRoles.IsLowestActive(snapshot, silo.SiloAddress))
        {
            return;
        }

        var alive = snapshot.Members.Values.Where(member => member.Status != SiloStatus.Dead).Select(member => member.SiloAddress.ToString()).ToHashSet();
        try
        {
            foreach (string gateway in (await index.ListGatewaysAsync(cancellationToken)).Where(gateway => !alive.Contains(gateway) && gateway != DeviceConnection.ExternalBrokerGateway))
            {
                IReadOnlyList<DeviceKey> devices = await index.ListConnectedViaAsync(gateway, cancellationToken);
                await Parallel.ForEachAsync(devices, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken },
                    async (device, token) => await grains.GetGrain<IConnectedDeviceGrain>(device.ToString()).GatewayLostAsync(gateway, token));
                LogSwept(devices.Count, gateway);
            }
        }
        catch (Exception failure) when (failure is not OperationCanceledException)
        {
            // The next membership change tries again; presence is not worth failing the silo over.
            LogSweepFailed(failure);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Count} devices connected through {Gateway}, which is gone, are now offline")]
    private partial void LogSwept(int count, string gateway);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Taking the devices of a gone silo offline failed")]
    private partial void LogSweepFailed(Exception exception);
}
