using Carmen.Grains.Interfaces.Access;

namespace Carmen.Grains.Interfaces.Invitations;

/// <summary>An invitation as administrators see it: never its token, which only the invitee's mail carries.</summary>
[GenerateSerializer, Immutable, Alias("Carmen.InvitationInfo")]
public sealed record InvitationInfo(
    [property: Id(0)] string Id,
    [property: Id(1)] string Email,
    [property: Id(2)] string RoleId,
    [property: Id(3)] AccessScope Scope,
    [property: Id(4)] bool Propagate,
    [property: Id(5)] InvitationStatus Status,
    [property: Id(6)] DateTimeOffset CreatedAt,
    [property: Id(7)] string CreatedBy,
    [property: Id(8)] DateTimeOffset ExpiresAt,
    [property: Id(9)] string? AcceptedBy,
    [property: Id(10)] InvitationMail Mail,
    [property: Id(11)] IReadOnlyList<InvitationEvent> History);
