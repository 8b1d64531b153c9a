namespace Carmen.Grains.Interfaces.Pki;

/// <summary>The key of a certificate's grain: its tenant and serial number, so a serial of tenant A is never found under tenant B.</summary>
public static class CertificateKeys
{
    /// <summary>The grain key of certificate <paramref name="serialNumber"/> (hex) of <paramref name="tenantId"/>.</summary>
    public static string Of(string tenantId, string serialNumber) => $"{tenantId}/{serialNumber.ToUpperInvariant()}";

    /// <summary>Whether <paramref name="serialNumber"/> is a serial number as Carmen writes them: 1 to 20 bytes in hex.</summary>
    public static bool IsSerialNumber(string? serialNumber) =>
        serialNumber is { Length: > 1 and <= 40 } && serialNumber.Length % 2 == 0 && serialNumber.All(Uri.IsHexDigit);
}
