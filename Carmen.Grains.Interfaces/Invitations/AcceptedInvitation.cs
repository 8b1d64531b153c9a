using Carmen.Grains.Interfaces.Access;

namespace Carmen.Grains.Interfaces.Invitations;

/// <summary>An accepted invitation: the account that now holds the role, and whether it was made for it.</summary>
[GenerateSerializer, Immutable, Alias("Carmen.AcceptedInvitation")]
public sealed record AcceptedInvitation(
    [property: Id(0)] string TenantId,
    [property: Id(1)] string Username,
    [property: Id(2)] string RoleId,
    [property: Id(3)] AccessScope Scope,
    [property: Id(4)] bool NewUser);
