using Carmen.Grains.Interfaces.Devices;

namespace Carmen.Grains.Interfaces.Pki;

/// <summary>How a device certificate names its device: the URI SAN <c>urn:carmen:device:{tenant}:{device}</c>.</summary>
public static class DeviceCertificateNames
{
    private const string Prefix = "urn:carmen:device:";

    /// <summary>The URI naming device <paramref name="deviceId"/> of <paramref name="tenantId"/>.</summary>
    public static Uri Uri(string tenantId, string deviceId) =>
        new($"{Prefix}{System.Uri.EscapeDataString(tenantId)}:{System.Uri.EscapeDataString(deviceId)}");

    /// <summary>The device a SAN URI names; null for any other URI.</summary>
    public static DeviceKey? Parse(string uri)
    {
        if (!uri.StartsWith(Prefix, StringComparison.Ordinal) || uri[Prefix.Length..].Split(':') is not [string tenant, string device]
            || tenant.Length == 0 || device.Length == 0)
        {
            return null;
        }

        return new DeviceKey(System.Uri.UnescapeDataString(tenant), System.Uri.UnescapeDataString(device));
    }
}
