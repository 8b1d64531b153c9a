using Carmen.Grains.Interfaces.Access;
using Carmen.Grains.Interfaces.Invitations;

namespace Carmen.Grains.Invitations;

/// <summary>One invitation as stored: its token only as a hash.</summary>
[GenerateSerializer, Alias("Carmen.InvitationRecord")]
public sealed class InvitationRecord
{
    [Id(0)] public string Id { get; set; } = "";
    [Id(1)] public string Email { get; set; } = "";
    [Id(2)] public string RoleId { get; set; } = "";
    [Id(3)] public AccessScope Scope { get; set; } = AccessScope.Tenant;
    [Id(4)] public bool Propagate { get; set; }
    [Id(5)] public InvitationStatus Status { get; set; }
    [Id(6)] public DateTimeOffset CreatedAt { get; set; }
    [Id(7)] public string CreatedBy { get; set; } = "";

    /// <summary>Whether the inviter was a platform administrator: the grant is checked again, as them, on acceptance.</summary>
    [Id(8)] public bool CreatedByPlatformAdmin { get; set; }
    [Id(9)] public DateTimeOffset ExpiresAt { get; set; }
    [Id(10)] public string TokenHash { get; set; } = "";
    [Id(11)] public string? AcceptedBy { get; set; }
    [Id(12)] public InvitationMail Mail { get; set; } = new(null, null);
    [Id(13)] public List<InvitationEvent> History { get; set; } = [];

    public InvitationInfo ToInfo() =>
        new(Id, Email, RoleId, Scope, Propagate, Status, CreatedAt, CreatedBy, ExpiresAt, AcceptedBy, Mail, [.. History]);
}
