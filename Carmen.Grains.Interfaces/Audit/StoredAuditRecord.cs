namespace Carmen.Grains.Interfaces.Audit;

/// <summary>A record as the store keeps it: its number, its canonical JSON text and that text's SHA-256 (hex).</summary>
[GenerateSerializer, Immutable, Alias("Carmen.StoredAuditRecord")]
public sealed record StoredAuditRecord(
    [property: Id(0)] long Id,
    [property: Id(1)] string Body,
    [property: Id(2)] string Hash);
