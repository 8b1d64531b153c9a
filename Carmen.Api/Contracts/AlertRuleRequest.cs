using System.Text.Json;

namespace Carmen.Api.Contracts;

/// <summary>
/// An alert rule as written: <c>{"name","severity","scope":{"type","id"?},"condition","clearCondition"?,"forSeconds"?,
/// "repeat":{"count","withinMinutes"}?,"escalationPathId"?,"enabled"?}</c>.
/// </summary>
public sealed record AlertRuleRequest(
    string? Name = null,
    string? Severity = null,
    AlertScopeContract? Scope = null,
    JsonElement? Condition = null,
    JsonElement? ClearCondition = null,
    int? ForSeconds = null,
    AlertRepeatContract? Repeat = null,
    long? EscalationPathId = null,
    bool? Enabled = null);
