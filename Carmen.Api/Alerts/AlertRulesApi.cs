using System.Text.Json;
using Carmen.Api.Access;
using Carmen.Api.Contracts;
using Carmen.Api.Formats;
using Carmen.Api.Tenants;
using Carmen.Grains.Interfaces;
using Carmen.Grains.Interfaces.Alerts;
using Carmen.Grains.Interfaces.Access;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Carmen.Api.Alerts;

/// <summary>
/// A tenant's alert rules. Conditions are checked by the rules' grain, which names a fault by its position
/// (<c>condition.any[1].op</c>); saved rules reach every silo's devices within seconds.
/// </summary>
public static class AlertRulesApi
{
    public static RouteGroupBuilder MapAlertRulesApi(this RouteGroupBuilder tenant)
    {
        RouteGroupBuilder rules = tenant.MapGroup("/alert-rules").WithTags("Alerts");
        rules.MapGet("/", ListAsync).RequirePermissionAnywhere(Permissions.AlertsRead);
        rules.MapPost("/", CreateAsync).RequirePermission(Permissions.AlertRulesManage);
        rules.MapGet("/{ruleId:long}", GetAsync).RequirePermissionAnywhere(Permissions.AlertsRead);
        rules.MapPut("/{ruleId:long}", UpdateAsync).RequirePermission(Permissions.AlertRulesManage);
        rules.MapDelete("/{ruleId:long}", DeleteAsync).RequirePermission(Permissions.AlertRulesManage);
        return tenant;
    }

    public static async Task<Ok<IReadOnlyList<AlertRuleResponse>>> ListAsync([AsParameters] TenantScope scope)
    {
        AlertRuleSet set = await Rules(scope).ListAsync(scope.CancellationToken);
        return TypedResults.Ok<IReadOnlyList<AlertRuleResponse>>([.. set.Rules.Select(AlertRuleResponse.From)]);
    }

    public static async Task<Created<AlertRuleResponse>> CreateAsync([AsParameters] TenantScope scope, AlertRuleRequest request)
    {
        AlertRule rule = await Rules(scope).CreateAsync(Draft(request), scope.CancellationToken);
        return TypedResults.Created($"/api/v1/tenants/{scope.TenantId}/alert-rules/{rule.Id}", AlertRuleResponse.From(rule));
    }

    public static async Task<Ok<AlertRuleResponse>> GetAsync([AsParameters] TenantScope scope, long ruleId) =>
        TypedResults.Ok(AlertRuleResponse.From(await Rules(scope).GetAsync(ruleId, scope.CancellationToken)));

    public static async Task<Ok<AlertRuleResponse>> UpdateAsync([AsParameters] TenantScope scope, long ruleId, AlertRuleRequest request) =>
        TypedResults.Ok(AlertRuleResponse.From(await Rules(scope).UpdateAsync(ruleId, Draft(request), scope.CancellationToken)));

    public static async Task<NoContent> DeleteAsync([AsParameters] TenantScope scope, long ruleId)
    {
        await Rules(scope).DeleteAsync(ruleId, scope.CancellationToken);
        return TypedResults.NoContent();
    }

    private static IAlertRulesGrain Rules(TenantScope scope) => scope.Grains.GetGrain<IAlertRulesGrain>(scope.TenantId);

    /// <summary>The shape of the request; what the conditions mean is checked by the grain.</summary>
    private static AlertRuleDraft Draft(AlertRuleRequest request)
    {
        AlertSeverity severity = QueryEnums.Parse<AlertSeverity>(request.Severity, "severity")
            ?? throw CarmenException.Invalid("severity", "severity is one of: critical, major, minor, warning, indeterminate.");
        AlertScope scope = request.Scope is AlertScopeContract given
            ? new AlertScope(QueryEnums.Parse<AlertScopeKind>(given.Type, "scope.type")
                ?? throw CarmenException.Invalid("scope.type", "scope.type is one of: tenant, businessUnit, cluster, deviceType, label."), given.Id)
            : throw CarmenException.Invalid("scope", "scope is {\"type\":\"tenant\"}, or businessUnit, cluster, deviceType or label with its \"id\".");
        AlertRepeat? repeat = request.Repeat is AlertRepeatContract written
            ? new AlertRepeat(written.Count ?? throw CarmenException.Invalid("repeat.count", "repeat.count is required."),
                written.WithinMinutes ?? throw CarmenException.Invalid("repeat.withinMinutes", "repeat.withinMinutes is required."))
            : null;
        return new AlertRuleDraft(
            request.Name ?? throw CarmenException.Invalid("name", "name is required."),
            severity, scope,
            Json(request.Condition, "condition") ?? throw CarmenException.Invalid("condition", "condition is required."),
            Json(request.ClearCondition, "clearCondition"),
            request.ForSeconds ?? 0, repeat, request.EscalationPathId, request.Enabled ?? true);
    }

    private static string? Json(JsonElement? element, string field) => element switch
    {
        null or { ValueKind: JsonValueKind.Null or JsonValueKind.Undefined } => null,
        { ValueKind: JsonValueKind.Object } given => given.GetRawText(),
        _ => throw CarmenException.Invalid(field, $"{field} is a condition object."),
    };
}
