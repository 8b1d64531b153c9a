namespace Carmen.Grains.Interfaces.Telemetry;

/// <summary>What a tenant's alert evaluation has received from the telemetry streams since it activated.</summary>
[GenerateSerializer, Immutable, Alias("Carmen.AlertEvaluationStatistics")]
public sealed record AlertEvaluationStatistics(
    [property: Id(0)] long Batches,
    [property: Id(1)] long Points,
    [property: Id(2)] DateTimeOffset? LastReceivedAt);
