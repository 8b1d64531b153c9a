using System.Text.Json;

namespace Carmen.Api.Contracts;

/// <summary>
/// An alert rule as written: <c>{"name","severity","scope":{"type","id"?},"condition","clearCondition"?,"forSeconds"?,
/// "repeat":{"count","withinMinutes"}?,"escalationPathId"?,"enabled"?}</c>.
/// </summary>
public sealed record AlertRuleContract(
    string? Name = null,
    string? Severity = null,
    AlertScopeContract? Scope = null,
    JsonElement? Condition = null,
    JsonElement? ClearCondition = null,
    int? ForSeconds = null,
    AlertRepeatContract? Repeat = null,
    long? EscalationPathId = null,
    bool? Enabled = null);

/// <summary>A rule's scope: <c>{"type":"tenant"}</c>, or businessUnit, cluster, deviceType or label with its <c>id</c>.</summary>
public sealed record AlertScopeContract(string? Type = null, string? Id = null);

/// <summary>"count" times within "withinMinutes".</summary>
public sealed record AlertRepeatContract(int? Count = null, int? WithinMinutes = null);
