namespace Carmen.Api.Contracts;

/// <summary>
/// An escalation path as written: <c>{"name","levels":[{"delayMinutes","channelIds","teamIds"?}],"renotifyMinutes"?}</c>.
/// A level's delay counts from the raise.
/// </summary>
public sealed record EscalationPathRequest(
    string? Name = null,
    IReadOnlyList<EscalationLevelContract>? Levels = null,
    int? RenotifyMinutes = null);
