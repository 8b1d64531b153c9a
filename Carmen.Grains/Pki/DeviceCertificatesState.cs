namespace Carmen.Grains.Pki;

[GenerateSerializer, Alias("Carmen.DeviceCertificatesState")]
public sealed class DeviceCertificatesState
{
    /// <summary>Unspent enrollment tokens: SHA-256 hash to expiry.</summary>
    [Id(0)] public Dictionary<string, DateTimeOffset> EnrollmentTokens { get; set; } = [];

    /// <summary>Serial numbers of every certificate issued to the device, oldest first.</summary>
    [Id(1)] public List<string> SerialNumbers { get; set; } = [];

    /// <summary>The incident that blocks the device's enrollment, until it is released.</summary>
    [Id(2)] public long? EnrollmentBlockedBy { get; set; }
}
