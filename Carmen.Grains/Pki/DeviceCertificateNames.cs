namespace Carmen.Grains.Pki;

/// <summary>How a device certificate names its device: the URI SAN <c>urn:carmen:device:{tenant}:{device}</c>.</summary>
public static class DeviceCertificateNames
{
    private const string Prefix = "urn:carmen:device:";

    public static Uri Uri(string tenantId, string deviceId) =>
        new($"{Prefix}{System.Uri.EscapeDataString(tenantId)}:{System.Uri.EscapeDataString(deviceId)}");
}
