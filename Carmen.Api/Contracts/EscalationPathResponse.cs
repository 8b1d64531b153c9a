using Carmen.Grains.Interfaces.Escalation;

namespace Carmen.Api.Contracts;

/// <summary>A saved escalation path; its levels in the shape they are written in.</summary>
public sealed record EscalationPathResponse(
    long Id,
    string Name,
    IReadOnlyList<EscalationLevelContract> Levels,
    int? RenotifyMinutes,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public static EscalationPathResponse From(EscalationPath path) =>
        new(path.Id, path.Definition.Name, [.. path.Definition.Levels.Select(EscalationLevelContract.From)], path.Definition.RenotifyMinutes, path.CreatedAt, path.UpdatedAt);
}
