namespace Carmen.Grains.Interfaces.Invitations;

/// <summary>How the latest mail of an invitation went: when the mail server took it, or why it did not.</summary>
[GenerateSerializer, Immutable, Alias("Carmen.InvitationMail")]
public sealed record InvitationMail(
    [property: Id(0)] DateTimeOffset? SentAt,
    [property: Id(1)] string? Error);
