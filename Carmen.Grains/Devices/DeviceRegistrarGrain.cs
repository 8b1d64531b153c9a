using System.Diagnostics;
using Carmen.Grains.Diagnostics;
using Carmen.Grains.Interfaces;
using Carmen.Grains.Interfaces.Devices;
using Carmen.Grains.Interfaces.Licenses;
using Carmen.Grains.Interfaces.Tenants;
using Orleans.Concurrency;

namespace Carmen.Grains.Devices;

/// <summary>
/// Registers a batch in three steps: validate every draft locally, ask the tenant once for clusters and quota,
/// register the admitted drafts in parallel. One tenant call per batch keeps the tenant grain off the hot path.
/// </summary>
[StatelessWorker]
[GrainType("device-registrar")]
public sealed class DeviceRegistrarGrain : Grain, IDeviceRegistrarGrain
{
    public async Task<IReadOnlyList<DeviceRegistrationOutcome>> RegisterAsync(
        string tenantId,
        IReadOnlyList<DeviceDraft> drafts,
        string requestId,
        int firstIndex,
        CancellationToken cancellationToken)
    {
        using Activity? activity = CarmenDiagnostics.ActivitySource.StartActivity("RegisterDevices");
        activity?.SetTag("carmen.tenant", tenantId);
        activity?.SetTag("carmen.devices.count", drafts.Count);

        var outcomes = new DeviceRegistrationOutcome?[drafts.Count];
        List<(int Position, DeviceDraft Draft)> valid = Validate(drafts, firstIndex, outcomes);

        ITenantGrain tenant = GrainFactory.GetGrain<ITenantGrain>(tenantId);
        ClusterAdmission admission;
        try
        {
            Dictionary<string, int> asked = valid.GroupBy(row => row.Draft.ClusterId, StringComparer.Ordinal)
                .ToDictionary(rows => rows.Key, rows => rows.Count(), StringComparer.Ordinal);
            admission = await tenant.AdmitDevicesToClustersAsync(asked, cancellationToken);
        }
        catch (CarmenException refused)
        {
            foreach ((int position, DeviceDraft draft) in valid)
            {
                outcomes[position] = Failed(firstIndex + position, draft.Id, RowError.From(refused));
            }

            return Complete(outcomes);
        }

        var candidates = new List<(int Position, DeviceDraft Draft)>(valid.Count);
        foreach ((int position, DeviceDraft draft) in valid)
        {
            if (admission.UnknownClusterIds.Contains(draft.ClusterId))
            {
                outcomes[position] = Failed(firstIndex + position, draft.Id,
                    new RowError(ErrorKind.Validation, "clusterId", $"Cluster '{draft.ClusterId}' does not exist."));
            }
            else
            {
                candidates.Add((position, draft));
            }
        }

        // Rounds, so that near a limit a slot held by a row that fails (a duplicate id, say) goes to the next row of its cluster.
        var freeSlots = new Dictionary<string, int>(admission.GrantedSlots, StringComparer.Ordinal);
        while (true)
        {
            var round = new List<(int Position, DeviceDraft Draft)>();
            var waiting = new List<(int Position, DeviceDraft Draft)>();
            var taken = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach ((int Position, DeviceDraft Draft) row in candidates)
            {
                string clusterId = row.Draft.ClusterId;
                bool fits = taken.GetValueOrDefault(clusterId) < freeSlots.GetValueOrDefault(clusterId);
                (fits ? round : waiting).Add(row);
                taken[clusterId] = taken.GetValueOrDefault(clusterId) + (fits ? 1 : 0);
            }

            if (round.Count == 0)
            {
                break;
            }

            DeviceRegistrationOutcome[] registered = await Task.WhenAll(
                round.Select(row => RegisterOneAsync(tenantId, row.Draft, requestId, firstIndex + row.Position, cancellationToken)));
            for (int i = 0; i < round.Count; i++)
            {
                outcomes[round[i].Position] = registered[i];
                if (registered[i].Succeeded)
                {
                    freeSlots[round[i].Draft.ClusterId]--;
                }
            }

            candidates = waiting;
        }

        foreach ((int position, DeviceDraft draft) in candidates)
        {
            outcomes[position] = Failed(firstIndex + position, draft.Id, admission.LimitedByLicense.Contains(draft.ClusterId)
                ? RowError.From(CarmenException.NotEntitled(LicenseEntitlementNames.Devices, "The tenant's licenses (or its business unit's share of them) admit no more devices in service; see its license usage."))
                : new RowError(ErrorKind.Conflict, null, "The tenant's device limit is reached."));
        }

        foreach ((string clusterId, int unused) in freeSlots.Where(slots => slots.Value > 0))
        {
            await tenant.ReleaseDeviceSlotsAsync(unused, clusterId, cancellationToken);
        }

        return Complete(outcomes);
    }

    private static List<(int Position, DeviceDraft Draft)> Validate(IReadOnlyList<DeviceDraft> drafts, int firstIndex, DeviceRegistrationOutcome?[] outcomes)
    {
        var valid = new List<(int, DeviceDraft)>(drafts.Count);
        var seenIds = new HashSet<string>(StringComparer.Ordinal);
        for (int position = 0; position < drafts.Count; position++)
        {
            try
            {
                DeviceDraft draft = DeviceDraftValidator.Normalize(drafts[position]);
                if (!seenIds.Add(draft.Id!))
                {
                    throw CarmenException.Conflict($"Device id '{draft.Id}' appears more than once in this request.", "id");
                }

                valid.Add((position, draft));
            }
            catch (CarmenException invalid)
            {
                outcomes[position] = Failed(firstIndex + position, drafts[position].Id, RowError.From(invalid));
            }
        }

        return valid;
    }

    private async Task<DeviceRegistrationOutcome> RegisterOneAsync(string tenantId, DeviceDraft draft, string requestId, int index, CancellationToken cancellationToken)
    {
        try
        {
            IDeviceGrain device = GrainFactory.GetGrain<IDeviceGrain>(new DeviceKey(tenantId, draft.Id!).ToString());
            DeviceRegistration registration = await device.RegisterAsync(draft, requestId, cancellationToken);
            return new DeviceRegistrationOutcome(index, draft.Id, registration, []);
        }
        catch (CarmenException refused)
        {
            return Failed(index, draft.Id, RowError.From(refused));
        }
    }

    private static DeviceRegistrationOutcome Failed(int index, string? deviceId, RowError error)
    {
        CarmenDiagnostics.DeviceRegistrationsRejected.Add(1, new KeyValuePair<string, object?>("error", error.Kind.ToString()));
        return new DeviceRegistrationOutcome(index, deviceId, null, [error]);
    }

    private static DeviceRegistrationOutcome[] Complete(DeviceRegistrationOutcome?[] outcomes) =>
        [.. outcomes.Select(outcome => outcome ?? throw new UnreachableException("Every draft gets an outcome."))];
}
