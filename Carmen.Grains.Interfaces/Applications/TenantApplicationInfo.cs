namespace Carmen.Grains.Interfaces.Applications;

/// <summary>
/// A tenant's application: the release it runs (with its configuration), an action waiting for it, and its version
/// history, newest first.
/// </summary>
[GenerateSerializer, Immutable, Alias("Carmen.TenantApplicationInfo")]
public sealed record TenantApplicationInfo(
    [property: Id(0)] AppliedRelease? Current,
    [property: Id(1)] string? Configuration,
    [property: Id(2)] ApplicationAction? Pending,
    [property: Id(3)] IReadOnlyList<AppliedRelease> History);
