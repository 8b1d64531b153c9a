namespace Carmen.Grains.Interfaces.Invitations;

/// <summary>One step of an invitation's life: invited, resent, revoked, accepted or expired, by whom and when.</summary>
[GenerateSerializer, Immutable, Alias("Carmen.InvitationEvent")]
public sealed record InvitationEvent(
    [property: Id(0)] string Action,
    [property: Id(1)] DateTimeOffset At,
    [property: Id(2)] string By);
