namespace Carmen.Api.Contracts;

/// <summary>How platform health alerts reach people: <c>{"escalationPathId"}</c>, one of /platform/escalation-paths, or null.</summary>
public sealed record PlatformHealthSettingsContract(long? EscalationPathId);
