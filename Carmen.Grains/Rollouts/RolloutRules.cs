using Carmen.Grains.Interfaces;
using Carmen.Grains.Interfaces.Rollouts;
using Carmen.Grains.Updates;

namespace Carmen.Grains.Rollouts;

/// <summary>What makes a rollout spec usable; each refusal names the field at fault.</summary>
public static class RolloutRules
{
    public const int MaxGroups = 100;
    public const int MaxRetries = 10;

    /// <summary>Whether a rollout is still under way, so it may not be deleted: it creates, runs or is paused, or devices still have work from it.</summary>
    public static bool IsUnderWay(RolloutStatus status, MemberCounts counts) =>
        status is RolloutStatus.Creating or RolloutStatus.Running or RolloutStatus.Paused || counts.Live > 0;

    public static void Validate(RolloutSpec spec)
    {
        if (string.IsNullOrWhiteSpace(spec.Name) || spec.Name.Length > 200)
        {
            throw CarmenException.Invalid("name", "A rollout has a name of 1 to 200 characters.");
        }

        ValidateTargets(spec);
        if (spec.Groups.Count is 0 or > MaxGroups)
        {
            throw CarmenException.Invalid("groups", $"A rollout has 1 to {MaxGroups} groups.");
        }

        for (int i = 0; i < spec.Groups.Count; i++)
        {
            RolloutGroupSpec group = spec.Groups[i];
            string field = $"groups[{i}]";
            if ((group.Percentage is null) == (group.Count is null))
            {
                throw CarmenException.Invalid(field, "A group has either a percentage or a count.");
            }

            if (group.Percentage is double percentage && percentage is <= 0 or > 100)
            {
                throw CarmenException.Invalid($"{field}.percentage", "A group's percentage is above 0 and at most 100.");
            }

            if (group.Count is < 1)
            {
                throw CarmenException.Invalid($"{field}.count", "A group's count is at least 1.");
            }

            Validate(group.Success, $"{field}.successCondition");
            Validate(group.Error, $"{field}.errorCondition");
        }

        if (spec.ActionType == Interfaces.Updates.ActionType.TimeForced && spec.ForceTime is null)
        {
            throw CarmenException.Invalid("forceTime", "A time-forced rollout needs the time its actions become forced.");
        }

        Validate(spec.Success, "successCondition");
        Validate(spec.Error, "errorCondition");
        if (spec.Pacing is Pacing pacing)
        {
            if (pacing.MaxPerMinute < 1)
            {
                throw CarmenException.Invalid("pacing.maxPerMinute", "maxPerMinute is at least 1.");
            }

            if (pacing.RampStartPerMinute is int start && (start < 1 || start > pacing.MaxPerMinute || pacing.RampFactor <= 1 || pacing.RampFactor > 100))
            {
                throw CarmenException.Invalid("pacing.ramp", "A ramp starts at 1 to maxPerMinute per minute and grows by a factor above 1 (at most 100).");
            }
        }

        if (spec.MaintenanceWindow is { } window)
        {
            MaintenanceWindows.Validate(window);
        }

        if (spec.HealthGate is HealthGate gate)
        {
            HealthExpression.Parse(gate.Expression);
            if (gate.Window <= TimeSpan.Zero || gate.Window > TimeSpan.FromDays(7))
            {
                throw CarmenException.Invalid("healthGate.window", "A health window lasts more than 0 and at most 7 days.");
            }
        }

        if (spec.InProgressTimeout is TimeSpan timeout && (timeout < TimeSpan.FromSeconds(1) || timeout > TimeSpan.FromDays(30)))
        {
            throw CarmenException.Invalid("inProgressTimeout", "The in-progress timeout is 1 second to 30 days.");
        }

        if (spec.MaxRetries is < 0 or > MaxRetries)
        {
            throw CarmenException.Invalid("maxRetries", $"maxRetries is 0 to {MaxRetries}.");
        }
    }

    /// <summary>A device rollout installs a distribution set on devices; a tenant rollout applies an application release to tenants.</summary>
    private static void ValidateTargets(RolloutSpec spec)
    {
        IEnumerable<(TargetFilter Filter, string Field)> filters = spec.Groups
            .Select((group, i) => (group.Filter, Field: $"groups[{i}].targetFilter"))
            .Where(pair => pair.Filter is not null)
            .Select(pair => (pair.Filter!, pair.Field))
            .Prepend((spec.Targets, "targetFilter"));
        if (spec.TargetKind == RolloutTargetKind.Devices)
        {
            if (spec.DistributionSetId is null || spec.ReleaseId is not null)
            {
                throw CarmenException.Invalid("distributionSetId", "A device rollout installs a distribution set (and no application release).");
            }

            if (filters.FirstOrDefault(pair => pair.Filter.TenantIds is not null) is { Field: not null } tenants)
            {
                throw CarmenException.Invalid($"{tenants.Field}.tenantIds", "A device rollout stays within its tenant; tenantIds select tenants of application rollouts.");
            }

            return;
        }

        if (spec.ReleaseId is null || spec.DistributionSetId is not null)
        {
            throw CarmenException.Invalid("releaseId", "An application rollout applies an application release (and no distribution set).");
        }

        if (filters.FirstOrDefault(pair => pair.Filter with { TenantIds = null } != new TargetFilter()) is { Field: not null } devices)
        {
            throw CarmenException.Invalid(devices.Field, "An application rollout selects tenants by tenantIds only.");
        }

        if (spec.ActionType == Interfaces.Updates.ActionType.DownloadOnly)
        {
            throw CarmenException.Invalid("actionType", "An application release is forced, soft (the tenant's administrator accepts it) or timeForced.");
        }

        if (spec.HealthGate is not null)
        {
            throw CarmenException.Invalid("healthGate", "Tenants send no telemetry to watch; a soft release lets the tenant's administrator reject it instead.");
        }

        if (spec.ConfirmationRequired)
        {
            throw CarmenException.Invalid("confirmationRequired", "A soft release already waits for the tenant's administrator to accept it.");
        }
    }

    private static void Validate(SuccessCondition? condition, string field)
    {
        if (condition is null)
        {
            return;
        }

        if (condition.Percentage is <= 0 or > 100)
        {
            throw CarmenException.Invalid($"{field}.percentage", "The success percentage is above 0 and at most 100.");
        }

        if (condition.StableFor is TimeSpan stable && (stable <= TimeSpan.Zero || stable > TimeSpan.FromDays(30)))
        {
            throw CarmenException.Invalid($"{field}.stableFor", "A stable period lasts more than 0 and at most 30 days.");
        }
    }

    private static void Validate(ErrorCondition? condition, string field)
    {
        if (condition is null)
        {
            return;
        }

        if (condition.Count is null && condition.Percentage is null)
        {
            throw CarmenException.Invalid(field, "An error condition has a count, a percentage, or both.");
        }

        if (condition.Count is < 1)
        {
            throw CarmenException.Invalid($"{field}.count", "The failure count is at least 1.");
        }

        if (condition.Percentage is double percentage && percentage is <= 0 or > 100)
        {
            throw CarmenException.Invalid($"{field}.percentage", "The failure percentage is above 0 and at most 100.");
        }

        if (condition.MinSample < 1)
        {
            throw CarmenException.Invalid($"{field}.minSample", "The minimum sample is at least 1.");
        }
    }
}
