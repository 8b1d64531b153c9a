namespace Carmen.Api.Contracts;

/// <summary>The latest posture check as the caller may see it (findings narrowed to its clusters); <see cref="CheckedAt"/> is null before the first.</summary>
public sealed record PostureReportResponse(DateTimeOffset? CheckedAt, string? Trigger, int DevicesChecked, DateTimeOffset? NextCheckAt, IReadOnlyList<PostureFindingResponse> Findings);
