namespace Carmen.Grains.Interfaces.Audit;

/// <summary>
/// One field a call changed: its path ("settings.maxDevices") and its values before and after as JSON text (null when
/// the field did not exist on that side). Secrets read "[redacted]" on both sides, so a change to one still shows.
/// </summary>
[GenerateSerializer, Immutable, Alias("Carmen.AuditChange")]
public sealed record AuditChange(
    [property: Id(0)] string Field,
    [property: Id(1)] string? Before,
    [property: Id(2)] string? After);
