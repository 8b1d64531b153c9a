namespace Carmen.Grains.Invitations;

[GenerateSerializer, Alias("Carmen.InvitationsState")]
public sealed class InvitationsState
{
    [Id(0)] public Dictionary<string, InvitationRecord> Invitations { get; set; } = [];
}
