using Carmen.Grains.Interfaces.Connectivity;

namespace Carmen.Grains.Devices;

/// <summary>
/// Devices behind an external MQTT broker (Carmen:Mqtt:Mode=External). The broker authenticates them and its ACL keeps
/// each to its own topics, so Carmen sees no CONNECT to check: the device's first message (or its "online" status)
/// registers a brokered connection after the checks a CONNECT gets, and its "offline" status (its will, when the
/// broker loses it) ends it. Once the platform revokes it, its traffic is refused until it may connect again.
/// </summary>
public sealed partial class DeviceGrain
{
    public async Task<bool> BrokeredOnlineAsync(CancellationToken cancellationToken)
    {
        if (!IsRegistered)
        {
            return false;
        }

        if (device.State.Connection?.ConnectionId == DeviceConnection.Brokered)
        {
            return true;
        }

        if (!await MayConnectAsync(cancellationToken))
        {
            return false;
        }

        await GoOnlineAsync(DeviceConnection.ThroughExternalBroker(time.GetUtcNow()), cancellationToken);

        // The broker does not tell Carmen what the device subscribed to; a call it cannot take yet stays queued.
        await SendQueuedRpcsAsync(cancellationToken);
        await PushUpdateActionAsync(onlyWhenActive: true);
        return true;
    }

    /// <summary>
    /// Traffic is taken only from a connection the grain has not closed (quarantine, suspension, a newer session), and
    /// through the external broker only from a device that may connect. The fast path is two comparisons.
    /// </summary>
    private async Task RequireAdmissionAsync(string connectionId, CancellationToken cancellationToken)
    {
        if ((connectionId == DeviceConnection.Brokered && !await BrokeredOnlineAsync(cancellationToken))
            || (_closedConnections.Count > 0 && _closedConnections.Contains(connectionId)))
        {
            throw new UnauthorizedAccessException($"Device '{Key.DeviceId}' may not send now: it is unknown, quarantined or decommissioned, or its tenant is suspended.");
        }
    }
}
