using System.Text.Json;
using Carmen.Grains.Interfaces.Alerts;

namespace Carmen.Api.Contracts;

/// <summary>A saved alert rule, its conditions as the JSON they were written in.</summary>
public sealed record AlertRuleResponse(
    long Id,
    string Name,
    AlertSeverity Severity,
    AlertScopeContract Scope,
    JsonElement Condition,
    JsonElement? ClearCondition,
    int ForSeconds,
    AlertRepeatContract? Repeat,
    long? EscalationPathId,
    bool Enabled,
    int Revision,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public static AlertRuleResponse From(AlertRule rule)
    {
        AlertRuleDraft definition = rule.Definition;
        return new AlertRuleResponse(
            rule.Id, definition.Name, definition.Severity,
            new AlertScopeContract(JsonNamingPolicy.CamelCase.ConvertName(definition.Scope.Kind.ToString()), definition.Scope.Id),
            JsonElement.Parse(definition.Condition), definition.ClearCondition is string clear ? JsonElement.Parse(clear) : null,
            definition.ForSeconds, definition.Repeat is AlertRepeat repeat ? new AlertRepeatContract(repeat.Count, repeat.WithinMinutes) : null,
            definition.EscalationPathId, definition.Enabled, rule.Revision, rule.CreatedAt, rule.UpdatedAt);
    }
}
