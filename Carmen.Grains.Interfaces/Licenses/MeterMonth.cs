namespace Carmen.Grains.Interfaces.Licenses;

/// <summary>One meter's use in one calendar month (UTC).</summary>
/// <param name="Meter">The meter, such as <c>telemetryPointsPerMonth</c>.</param>
/// <param name="Month">The month, as yyyy-MM.</param>
/// <param name="Used">What the silos reported for the month.</param>
/// <param name="Entitled">What the licenses in force grant a month; null when they name no such meter (not metered).</param>
/// <param name="Allowance">What may be used, overage included; null when not metered.</param>
/// <param name="ExhaustedAt">When the month's use reached the allowance, if it did.</param>
[GenerateSerializer, Immutable, Alias("Carmen.MeterMonth")]
public sealed record MeterMonth(
    [property: Id(0)] string Meter,
    [property: Id(1)] string Month,
    [property: Id(2)] long Used,
    [property: Id(3)] long? Entitled,
    [property: Id(4)] long? Allowance,
    [property: Id(5)] DateTimeOffset? ExhaustedAt);
