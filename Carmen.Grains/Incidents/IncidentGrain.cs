using System.Globalization;
using Carmen.Grains.Devices;
using Carmen.Grains.Interfaces;
using Carmen.Grains.Interfaces.Audit;
using Carmen.Grains.Interfaces.Devices;
using Carmen.Grains.Interfaces.Incidents;
using Carmen.Grains.Interfaces.Posture;
using Microsoft.Extensions.Logging;

namespace Carmen.Grains.Incidents;

/// <summary>
/// One security incident. Opening it resolves its devices (ids, or a filter over the device index) and answers at
/// once; the actions run in the background in batches (IncidentGrain.Work), each batch's steps appended to the audit
/// trail in one commit and the record saved, so a restart resumes where it stopped (a reminder brings it back).
/// </summary>
[GrainType("incident")]
public sealed partial class IncidentGrain(
    [PersistentState("incident", StorageNames.Devices)] IPersistentState<IncidentState> incident,
    IDeviceIndex index,
    TimeProvider time,
    ILogger<IncidentGrain> logger) : Grain, IIncidentGrain, IRemindable
{
    private (string TenantId, long Id) Key
    {
        get
        {
            (string tenantId, string localId) = TenantScopedKey.Parse(this.GetPrimaryKeyString());
            return (tenantId, long.Parse(localId, CultureInfo.InvariantCulture));
        }
    }

    /// <summary>An incident a restart interrupted carries on as soon as anything wakes it.</summary>
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (incident.RecordExists && incident.State.Status is IncidentStatus.Running or IncidentStatus.Releasing)
        {
            StartWork();
        }

        return Task.CompletedTask;
    }

    public async Task<IncidentInfo> OpenAsync(IncidentSpec spec, CancellationToken cancellationToken)
    {
        if (incident.RecordExists)
        {
            throw CarmenException.Conflict($"Incident {Key.Id} is open already.");
        }

        string title = RequireTitle(spec.Title);
        List<IncidentAction> actions = spec.Actions is { Count: > 0 }
            ? [.. spec.Actions.Distinct().Order()]
            : throw CarmenException.Invalid("actions", "Name at least one action: quarantine, revokeCertificates, rotateTokens, disconnect, blockEnrollment.");
        List<string> deviceIds = await ResolveDevicesAsync(spec, cancellationToken);

        DateTimeOffset now = time.GetUtcNow();
        IncidentState state = incident.State;
        (state.Title, state.Status, state.Actions, state.OpenedBy, state.OpenedAt) = (title, IncidentStatus.Running, actions, spec.OpenedBy, now);
        state.AllowedClusterIds = spec.AllowedClusterIds is null ? null : [.. spec.AllowedClusterIds];
        state.Devices = [.. deviceIds.Select(id => new IncidentDevice(id, IncidentDeviceStatus.Pending, null, [], null, null))];
        state.Timeline.Add(new IncidentEvent(now, spec.OpenedBy, "opened",
            $"{deviceIds.Count} device(s); actions: {string.Join(", ", actions.Select(IncidentAudit.Name))}"));
        await incident.WriteStateAsync(cancellationToken);
        await this.RegisterOrUpdateReminder(ResumeReminder, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1), cancellationToken);
        IncidentMetrics.Opened.Add(1);
        LogOpened(Key.TenantId, Key.Id, deviceIds.Count, spec.OpenedBy.Name);
        StartWork();
        return Describe();
    }

    public Task<IncidentInfo?> FindAsync(CancellationToken cancellationToken) =>
        Task.FromResult(incident.RecordExists ? Describe() : null);

    public Task<IReadOnlyList<IncidentDevice>> ListDevicesAsync(int offset, int limit, IncidentDeviceStatus? status, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<IncidentDevice>>(
            [.. incident.State.Devices.Where(device => status is null || device.Status == status).Skip(Math.Max(0, offset)).Take(Math.Clamp(limit, 0, IncidentSpec.MaxDevices))]);

    public async Task<IncidentInfo> ReleaseAsync(AuditActor actor, CancellationToken cancellationToken)
    {
        IncidentState state = RequireIncident();
        switch (state.Status)
        {
            case IncidentStatus.Running:
                throw CarmenException.Conflict($"Incident {Key.Id} is still running its actions; release it once they are done.");
            case IncidentStatus.Releasing or IncidentStatus.Released:
                return Describe();
        }

        state.Status = IncidentStatus.Releasing;
        state.ReleasedBy = actor;
        state.Timeline.Add(new IncidentEvent(time.GetUtcNow(), actor, "releasing", "isolation and enrollment blocks are lifted device by device; revoked certificates stay revoked, rotated tokens stay rotated"));
        await incident.WriteStateAsync(cancellationToken);
        await this.RegisterOrUpdateReminder(ResumeReminder, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1), cancellationToken);
        StartWork();
        return Describe();
    }

    public async Task EraseAsync(CancellationToken cancellationToken)
    {
        await this.KeepAsync(ResumeReminder, needed: false, registered: true, cancellationToken);
        await incident.ClearStateAsync(cancellationToken);
        DeactivateOnIdle();
    }

    private IncidentState RequireIncident() =>
        incident.RecordExists ? incident.State : throw CarmenException.NotFound($"Tenant '{Key.TenantId}' has no incident {Key.Id}.");

    private IncidentInfo Describe()
    {
        IncidentState state = incident.State;
        int[] counts = new int[4];
        foreach (IncidentDevice device in state.Devices)
        {
            counts[(int)device.Status]++;
        }

        return new IncidentInfo(
            Key.TenantId, Key.Id, state.Title, state.Status, [.. state.Actions], state.OpenedBy, state.OpenedAt, state.ContainedAt, state.ReleasedAt,
            new IncidentProgress(state.Devices.Count, counts[0], counts[1], counts[2], counts[3]),
            [.. state.Devices.Select(device => device.ClusterId).OfType<string>().Distinct().Order(StringComparer.Ordinal)],
            [.. state.Timeline], state.AllowedClusterIds is null ? null : [.. state.AllowedClusterIds]);
    }

    /// <summary>The devices named (each once, in order), or those the filter finds among the clusters the opener may act on.</summary>
    private async Task<List<string>> ResolveDevicesAsync(IncidentSpec spec, CancellationToken cancellationToken)
    {
        if (spec.DeviceIds is not null == spec.Filter is not null)
        {
            throw CarmenException.Invalid("devices", "Name the devices, or give a filter; not both.");
        }

        if (spec.DeviceIds is not null)
        {
            if (spec.DeviceIds.FirstOrDefault(id => !Identifiers.IsValidDeviceId(id)) is string invalid)
            {
                throw CarmenException.Invalid("devices", $"'{invalid}' is not a device id.");
            }

            List<string> named = [.. spec.DeviceIds.Distinct(StringComparer.Ordinal)];
            return named.Count switch
            {
                0 => throw CarmenException.Invalid("devices", "Name at least one device."),
                > IncidentSpec.MaxDevices => throw CarmenException.Invalid("devices", $"An incident takes up to {IncidentSpec.MaxDevices} devices."),
                _ => named,
            };
        }

        IncidentDeviceFilter filter = spec.Filter!;
        IReadOnlyList<string>? clusters = (filter.ClusterIds, spec.AllowedClusterIds) switch
        {
            (null, var allowed) => allowed,
            (var asked, null) => asked,
            (var asked, var allowed) => [.. asked.Where(allowed.Contains)],
        };

        if (filter.PostureFinding is PostureFindingKind kind)
        {
            return await ResolveFindingAsync(filter, kind, clusters, cancellationToken);
        }

        var found = new List<string>();
        string? continuation = null;
        bool done = clusters is { Count: 0 };
        while (!done)
        {
            DevicePage page = await index.QueryAsync(Key.TenantId, new DeviceQuery(
                clusters, Labels: filter.Labels, Type: filter.Type, FirmwareVersion: filter.FirmwareVersion,
                PageSize: DeviceQuery.MaxPageSize, ContinuationToken: continuation), cancellationToken);
            found.AddRange(page.Items.Where(device => device.Status != DeviceStatus.Decommissioned).Select(device => device.Id));
            if (found.Count > IncidentSpec.MaxDevices)
            {
                throw CarmenException.Invalid("filter", $"The filter finds more than {IncidentSpec.MaxDevices} devices; an incident takes up to that many.");
            }

            continuation = page.ContinuationToken;
            done = continuation is null;
        }

        return found.Count > 0 ? found : throw CarmenException.Invalid("filter", "The filter finds no device in service that you may act on.");
    }

    /// <summary>The devices of one finding of the latest posture report, in the clusters asked for and allowed.</summary>
    private async Task<List<string>> ResolveFindingAsync(IncidentDeviceFilter filter, PostureFindingKind kind, IReadOnlyList<string>? clusters, CancellationToken cancellationToken)
    {
        if (filter.Labels is not null || filter.Type is not null || filter.FirmwareVersion is not null)
        {
            throw CarmenException.Invalid("filter", "A posture finding combines with clusters only, not with labels, type or firmware version.");
        }

        PostureReport report = await GrainFactory.GetGrain<ITenantPostureGrain>(Key.TenantId).GetReportAsync(cancellationToken)
            ?? throw CarmenException.Invalid("filter.postureFinding", "The tenant's posture has not been checked yet; run a check first.");
        List<string> found = [.. (report.Findings.FirstOrDefault(finding => finding.Kind == kind)?.Devices ?? [])
            .Where(device => clusters is null || clusters.Contains(device.ClusterId)).Select(device => device.DeviceId).Distinct(StringComparer.Ordinal)];
        return found.Count > 0 ? found : throw CarmenException.Invalid("filter", $"The latest posture check found no device for {kind} that you may act on.");
    }

    private static string RequireTitle(string? title) =>
        string.IsNullOrWhiteSpace(title) || title.Trim().Length > IncidentSpec.MaxTitleLength
            ? throw CarmenException.Invalid("title", $"A title is 1 to {IncidentSpec.MaxTitleLength} characters.")
            : title.Trim();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Incident {TenantId}/{IncidentId} opened over {Devices} device(s) by {Actor}")]
    private partial void LogOpened(string tenantId, long incidentId, int devices, string actor);
}
