using Carmen.Grains.Interfaces.Access;

namespace Carmen.Grains.Interfaces.Invitations;

/// <summary>
/// An invitation asked for: an address, a role at a scope, how long the link lives (capped by the tenant), and the
/// base URL the link in the mail starts with.
/// </summary>
[GenerateSerializer, Immutable, Alias("Carmen.InvitationDraft")]
public sealed record InvitationDraft(
    [property: Id(0)] string Email,
    [property: Id(1)] string RoleId,
    [property: Id(2)] AccessScope Scope,
    [property: Id(3)] bool Propagate,
    [property: Id(4)] TimeSpan? Lifetime,
    [property: Id(5)] string BaseUrl);
