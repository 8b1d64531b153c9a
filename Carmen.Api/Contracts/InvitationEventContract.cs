using Carmen.Grains.Interfaces.Invitations;

namespace Carmen.Api.Contracts;

public sealed record InvitationEventContract(string Action, DateTimeOffset At, string By)
{
    public static InvitationEventContract From(InvitationEvent step) => new(step.Action, step.At, step.By);
}
