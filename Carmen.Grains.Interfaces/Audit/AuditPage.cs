namespace Carmen.Grains.Interfaces.Audit;

/// <summary>A page of records, newest first; <see cref="NextBeforeId"/> asks for the next one, null at the end.</summary>
[GenerateSerializer, Immutable, Alias("Carmen.AuditPage")]
public sealed record AuditPage(
    [property: Id(0)] IReadOnlyList<AuditRecord> Records,
    [property: Id(1)] long? NextBeforeId);
