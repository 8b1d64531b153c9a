namespace Carmen.Grains.Interfaces.Licenses;

/// <summary>Whether a tenant's devices may send more telemetry this month, and if not why, as a device is told.</summary>
/// <param name="Refused">True once the month's points allowed (overage included) are used and the platform refuses more.</param>
/// <param name="Detail">Why telemetry is refused; null while it is taken.</param>
[GenerateSerializer, Immutable, Alias("Carmen.MeterVerdict")]
public sealed record MeterVerdict(
    [property: Id(0)] bool Refused,
    [property: Id(1)] string? Detail)
{
    /// <summary>Telemetry is taken.</summary>
    public static readonly MeterVerdict Open = new(false, null);
}
