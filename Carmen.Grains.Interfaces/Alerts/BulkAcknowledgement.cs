namespace Carmen.Grains.Interfaces.Alerts;

/// <summary>What a bulk acknowledge did: the alerts now acknowledged (including those that were already) and the ids the tenant has no alert for.</summary>
[GenerateSerializer, Immutable, Alias("Carmen.BulkAcknowledgement")]
public sealed record BulkAcknowledgement(
    [property: Id(0)] IReadOnlyList<string> Acknowledged,
    [property: Id(1)] IReadOnlyList<string> NotFound);
