using Carmen.Api.Contracts;
using Carmen.Api.Devices;
using Carmen.Api.Formats;
using Carmen.Api.Updates;
using Carmen.Grains.Interfaces;
using Carmen.Grains.Interfaces.Rollouts;

namespace Carmen.Api.Rollouts;

/// <summary>
/// Turns a rollout request into a <see cref="RolloutSpec"/>: durations are "HH:MM:SS", a business unit becomes its
/// clusters, and every refusal names the field at fault. Rules about the values themselves live with the grain.
/// Application rollouts (tenants as targets) have no clusters to resolve: <paramref name="clusters"/> is null.
/// </summary>
public sealed class RolloutSpecReader(ClusterDirectory? clusters)
{
    public RolloutSpec Read(CreateRolloutRequest request)
    {
        RolloutTargetKind kind = clusters is null ? RolloutTargetKind.Tenants : RolloutTargetKind.Devices;
        if (kind == RolloutTargetKind.Devices && request.DistributionSetId is null)
        {
            throw CarmenException.Invalid("distributionSetId", "Name the distribution set to roll out.");
        }

        if (kind == RolloutTargetKind.Tenants && request.ReleaseId is null)
        {
            throw CarmenException.Invalid("releaseId", "Name the application release to roll out.");
        }

        IReadOnlyList<RolloutGroupContract> groups = request.Groups is { Count: > 0 } given
            ? given
            : throw CarmenException.Invalid("groups", "A rollout has at least one group, for example [{\"percentage\":5},{\"percentage\":100}].");
        return new RolloutSpec(
            request.Name ?? "",
            request.DistributionSetId,
            DeviceActionsApi.ParseActionType(request.ActionType),
            Filter(request.TargetFilter, "targetFilter") ?? new TargetFilter(),
            [.. groups.Select((group, i) => Group(group, i))],
            Success(request.SuccessCondition, "successCondition") ?? new SuccessCondition(),
            Error(request.ErrorCondition, "errorCondition"),
            Pacing(request.Pacing),
            DeviceActionsApi.ParseWindow(request.MaintenanceWindow),
            HealthGate(request.HealthGate),
            request.RequireApproval,
            request.Priority,
            Duration(request.InProgressTimeout, "inProgressTimeout"),
            request.MaxRetries,
            request.ForceTime is long unixMs ? UnixTimes.FromMilliseconds(unixMs, "forceTime") : null,
            request.Description,
            kind,
            request.ReleaseId,
            request.ConfirmationRequired);
    }

    private RolloutGroupSpec Group(RolloutGroupContract group, int index)
    {
        string field = $"groups[{index}]";
        return new RolloutGroupSpec(
            string.IsNullOrWhiteSpace(group.Name) ? $"Group {index + 1}" : group.Name,
            group.Percentage,
            group.Count,
            Filter(group.TargetFilter, $"{field}.targetFilter"),
            Success(group.SuccessCondition, $"{field}.successCondition"),
            Error(group.ErrorCondition, $"{field}.errorCondition"));
    }

    private TargetFilter? Filter(TargetFilterContract? filter, string field)
    {
        if (filter is null)
        {
            return null;
        }

        IReadOnlyList<string>? clusterIds = clusters is not null
            ? clusters.ClustersOf(ClusterIds(filter), filter.BusinessUnitId, $"{field}.businessUnitId")
            : filter.ClusterId is null && filter.BusinessUnitId is null
                ? null
                : throw CarmenException.Invalid(field, "An application rollout selects tenants by tenantIds only.");
        return new TargetFilter(clusterIds, filter.Labels is { Count: > 0 } labels ? labels : null, filter.Type, filter.FirmwareVersion,
            filter.TenantIds is { Count: > 0 } tenants ? tenants : null);
    }

    /// <summary>clusterId and clusterIds together; an empty clusterIds selects no cluster (as a read-back rollout of an empty unit says).</summary>
    private static IReadOnlyList<string>? ClusterIds(TargetFilterContract filter) => (filter.ClusterId, filter.ClusterIds) switch
    {
        (null, null) => null,
        (string one, null) => [one],
        (null, IReadOnlyList<string> many) => many,
        (string one, IReadOnlyList<string> many) => [one, .. many],
    };

    private static SuccessCondition? Success(SuccessConditionContract? condition, string field) => condition is null
        ? null
        : new SuccessCondition(condition.Percentage ?? 100, Duration(condition.StableFor, $"{field}.stableFor"), condition.RequireApproval);

    private static ErrorCondition? Error(ErrorConditionContract? condition, string field) => condition is null
        ? null
        : new ErrorCondition(condition.Count, condition.Percentage, condition.MinSample ?? 1, condition.Action?.ToLowerInvariant() switch
        {
            null or "pause" => ErrorAction.Pause,
            "rollback" => ErrorAction.Rollback,
            _ => throw CarmenException.Invalid($"{field}.action", "action is pause or rollback."),
        });

    private static Pacing? Pacing(PacingContract? pacing) => pacing is null
        ? null
        : new Pacing(
            pacing.MaxPerMinute ?? throw CarmenException.Invalid("pacing.maxPerMinute", "Pacing needs maxPerMinute."),
            pacing.Ramp?.StartPerMinute ?? (pacing.Ramp is null ? null : throw CarmenException.Invalid("pacing.ramp.startPerMinute", "A ramp needs startPerMinute.")),
            pacing.Ramp?.Factor ?? 2);

    private static HealthGate? HealthGate(HealthGateContract? gate) => gate is null
        ? null
        : new HealthGate(
            gate.Expression ?? throw CarmenException.Invalid("healthGate.expression", "A health gate needs an expression, for example \"cpu < 90\"."),
            Duration(gate.Window, "healthGate.window") ?? throw CarmenException.Invalid("healthGate.window", "A health gate needs a window, for example \"00:30:00\"."),
            gate.RequireHeartbeat);

    private static TimeSpan? Duration(string? text, string field) => Durations.Parse(text, field);
}
