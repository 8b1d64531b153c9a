namespace Carmen.Grains.Interfaces.Pki;

/// <summary>
/// The credential stamp of a connection that signed in with a device certificate: its serial number and SHA-256
/// fingerprint, so the device's grain can check the very certificate again when the connection registers.
/// </summary>
public static class CertificateStamps
{
    private const string Prefix = "x509:";

    /// <summary>The stamp of a sign-in with certificate <paramref name="serialNumber"/>.</summary>
    public static string Of(string serialNumber, string sha256Fingerprint) => $"{Prefix}{serialNumber}:{sha256Fingerprint}";

    /// <summary>The certificate a stamp names; null for a token's or basic credentials' stamp.</summary>
    public static (string SerialNumber, string Sha256Fingerprint)? Parse(string? stamp) =>
        stamp is not null && stamp.StartsWith(Prefix, StringComparison.Ordinal) && stamp.IndexOf(':', Prefix.Length) is int split and > 0
            ? (stamp[Prefix.Length..split], stamp[(split + 1)..])
            : null;
}
