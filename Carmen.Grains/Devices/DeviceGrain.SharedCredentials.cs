using Carmen.Grains.Interfaces.Connectivity;
using Carmen.Grains.Interfaces.Posture;

namespace Carmen.Grains.Devices;

/// <summary>The connect path's part in the posture checks: a credential seen in two places at once.</summary>
public sealed partial class DeviceGrain
{
    /// <summary>
    /// A live connection taken over by one from another address: the same credential in two places at once, a posture
    /// finding (reported without waiting; a device reconnecting from a new address after a silent drop looks the same,
    /// which is why the finding shows both addresses and when).
    /// </summary>
    private void ReportIfShared(DeviceConnection? previous, DeviceConnection connection)
    {
        if (previous is null || previous.ConnectionId == connection.ConnectionId || previous.GatewayDeviceId is not null || connection.GatewayDeviceId is not null
            || Host(previous.RemoteAddress) is not string first || Host(connection.RemoteAddress) is not string second || first == second)
        {
            return;
        }

        string credential = connection.CertificateSerial is string serial ? $"certificate {serial}" : "access token";
        GrainFactory.GetGrain<ITenantPostureGrain>(Key.TenantId).ReportSharedCredentialsAsync(Key.DeviceId, device.State.ClusterId, credential, first, second).Ignore();
    }

    /// <summary>The address without its port ("10.0.0.7:5012" → "10.0.0.7", "[::1]:5012" → "::1").</summary>
    private static string? Host(string? address) =>
        address is null ? null
        : address.StartsWith('[') && address.IndexOf(']', StringComparison.Ordinal) is int end and > 0 ? address[1..end]
        : address.Count(character => character == ':') == 1 ? address[..address.IndexOf(':', StringComparison.Ordinal)]
        : address;
}
