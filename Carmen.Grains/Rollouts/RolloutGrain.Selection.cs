using Carmen.Grains.Interfaces;
using Carmen.Grains.Interfaces.Devices;
using Carmen.Grains.Interfaces.Platform;
using Carmen.Grains.Interfaces.Rollouts;
using Carmen.Grains.Interfaces.Updates;

namespace Carmen.Grains.Rollouts;

/// <summary>What the rollout puts on its targets, and which targets it takes: devices from the tenant's index, or tenants.</summary>
public sealed partial class RolloutGrain
{
    private async Task<Deployment> ResolveAsync(RolloutSpec spec, CancellationToken cancellationToken)
    {
        try
        {
            return await RolloutTargets.ResolveAsync(GrainFactory, spec.TargetKind, Key.TenantId, RolloutTargets.PayloadOf(spec), cancellationToken);
        }
        catch (CarmenException missing) when (missing.Kind == ErrorKind.NotFound)
        {
            throw CarmenException.Invalid(spec.TargetKind == RolloutTargetKind.Tenants ? "releaseId" : "distributionSetId", missing.Message);
        }
    }

    /// <summary>The target ids per group, how many targets no group took, and how many the filter matched.</summary>
    private async Task<(IReadOnlyList<IReadOnlyList<string>> Groups, int Unassigned, int Targets)> SelectAndGroupAsync()
    {
        string seed = this.GetPrimaryKeyString();
        if (Spec.TargetKind == RolloutTargetKind.Tenants)
        {
            // Suspended or deleted tenants stay in the plan; their record refuses the release when its turn comes.
            IReadOnlyList<string> all = await GrainFactory.GetGrain<IPlatformGrain>(IPlatformGrain.Key).GetTenantIdsAsync();
            List<string> tenants = [.. all.Where(Spec.Targets.Matches)];
            (IReadOnlyList<IReadOnlyList<string>> tenantGroups, int left) = RolloutPlanner.Plan(seed, tenants, Spec.Groups);
            return (tenantGroups, left, tenants.Count);
        }

        var devices = new List<DeviceSummary>();
        string? continuation = null;

        // A business unit without clusters selects nothing (and an empty cluster list is no query).
        bool none = Spec.Targets.ClusterIds is { Count: 0 };
        while (!none)
        {
            DevicePage page = await index.QueryAsync(Key.TenantId, Spec.Targets.ToQuery(continuation));
            devices.AddRange(page.Items.Where(device => device.Status is not (DeviceStatus.Quarantined or DeviceStatus.Isolated or DeviceStatus.Decommissioned)));
            continuation = page.ContinuationToken;
            none = continuation is null;
        }

        (IReadOnlyList<IReadOnlyList<string>> groups, int unassigned) = RolloutPlanner.Plan(seed, devices, Spec.Groups);
        return (groups, unassigned, devices.Count);
    }
}
