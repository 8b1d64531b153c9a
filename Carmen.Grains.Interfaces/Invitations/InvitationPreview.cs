using Carmen.Grains.Interfaces.Access;

namespace Carmen.Grains.Interfaces.Invitations;

/// <summary>What the acceptance page shows the holder of a link: whose invitation, to what, and whether it still works.</summary>
[GenerateSerializer, Immutable, Alias("Carmen.InvitationPreview")]
public sealed record InvitationPreview(
    [property: Id(0)] string TenantId,
    [property: Id(1)] string TenantName,
    [property: Id(2)] string Email,
    [property: Id(3)] string RoleName,
    [property: Id(4)] AccessScope Scope,
    [property: Id(5)] InvitationStatus Status,
    [property: Id(6)] DateTimeOffset ExpiresAt);
