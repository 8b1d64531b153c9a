namespace Carmen.Api.Contracts;

/// <summary>
/// One monthly meter: entitled (the licenses' sum) and allowance (overage included) a month; for the counted meter
/// (<c>telemetryPointsPerMonth</c>) also the month (UTC, yyyy-MM), what was used in it, and when it was used up if it is.
/// Other meters are carried and summed, not counted.
/// </summary>
public sealed record LicenseMeterContract(long Entitled, long Allowance, string? Month, long? Used, DateTimeOffset? ExhaustedAt);
