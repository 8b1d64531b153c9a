using Carmen.Grains.Interfaces.Escalation;

namespace Carmen.Api.Contracts;

/// <summary>A saved escalation path.</summary>
public sealed record EscalationPathResponse(
    long Id,
    string Name,
    IReadOnlyList<EscalationLevel> Levels,
    int? RenotifyMinutes,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public static EscalationPathResponse From(EscalationPath path) =>
        new(path.Id, path.Definition.Name, path.Definition.Levels, path.Definition.RenotifyMinutes, path.CreatedAt, path.UpdatedAt);
}
