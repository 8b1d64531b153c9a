using Carmen.Grains.Interfaces.Connectivity;
using Microsoft.Extensions.Logging;
using Orleans.Runtime.Placement;

namespace Carmen.Grains.Devices;

public sealed partial class DeviceGrain
{
    /// <summary>
    /// A device that comes online through another silo than the one its grain is active on (a reconnect after a
    /// rolling restart, or a load balancer's choice) takes its grain along once the current call is done, so that
    /// every later message is a call within one silo, not a hop across the cluster. Orleans migrates the grain with
    /// its state; the placement hint, captured by the migration, lands it on the connection's silo. Connections
    /// through an external broker have no silo of their own and stay where they are.
    /// </summary>
    private void FollowConnection(DeviceConnection connection)
    {
        if (connection.Gateway == GrainContext.Address.SiloAddress?.ToString())
        {
            return;
        }

        SiloAddress? silo = membership.CurrentSnapshot.Members.Values
            .FirstOrDefault(member => member.Status == SiloStatus.Active && member.SiloAddress.ToString() == connection.Gateway)?.SiloAddress;
        if (silo is null)
        {
            return;
        }

        RequestContext.Set(IPlacementDirector.PlacementHintKey, silo);
        MigrateOnIdle();
        RequestContext.Remove(IPlacementDirector.PlacementHintKey); // the calls this one still makes place nothing
        LogFollowing(Key.TenantId, Key.DeviceId, silo);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Device {TenantId}/{DeviceId} connected through {Silo}; its grain moves there")]
    private partial void LogFollowing(string tenantId, string deviceId, SiloAddress silo);
}
