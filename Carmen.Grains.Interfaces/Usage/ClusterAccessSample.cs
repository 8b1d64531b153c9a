namespace Carmen.Grains.Interfaces.Usage;

/// <summary>
/// Calls of one hour by one caller (a user, or a key: <see cref="KeyId"/>) that named a resource of one cluster (a
/// device, or the cluster itself), as reads (GET, HEAD) and changes (the other methods) that succeeded.
/// </summary>
[GenerateSerializer, Immutable, Alias("Carmen.ClusterAccessSample")]
public sealed record ClusterAccessSample(
    [property: Id(0)] string TenantId,
    [property: Id(1)] string ClusterId,
    [property: Id(2)] DateTimeOffset Hour,
    [property: Id(3)] string Principal,
    [property: Id(4)] string KeyId,
    [property: Id(5)] long Reads,
    [property: Id(6)] long Changes);
