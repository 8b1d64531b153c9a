namespace Carmen.Grains.Interfaces.Support;

/// <summary>A priority's targets, in business time of the policy's calendar; null: no target.</summary>
[GenerateSerializer, Immutable, Alias("Carmen.SlaTargets")]
public sealed record SlaTargets(
    [property: Id(0)] TimeSpan? FirstResponse,
    [property: Id(1)] TimeSpan? NextResponse,
    [property: Id(2)] TimeSpan? Resolution);
