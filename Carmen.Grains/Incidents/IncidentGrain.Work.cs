using Carmen.Grains.Interfaces;
using Carmen.Grains.Interfaces.Audit;
using Carmen.Grains.Interfaces.Devices;
using Carmen.Grains.Interfaces.Incidents;
using Carmen.Grains.Interfaces.Pki;
using Microsoft.Extensions.Logging;

namespace Carmen.Grains.Incidents;

/// <summary>
/// The incident's work: its devices in batches of <see cref="BatchSize"/> calls in flight at once, each device one call
/// to its grain (and one to its certificates when the actions touch them); after each batch its steps go to the audit
/// trail in one commit, and the record is saved every <see cref="s_saveInterval"/>. Containing while running; lifting
/// isolation and blocks while releasing.
/// </summary>
public sealed partial class IncidentGrain
{
    private const string ResumeReminder = "resume";

    /// <summary>Devices worked on at once: enough to keep both cores busy, few enough that a batch saves within a second.</summary>
    private const int BatchSize = 500;

    private static readonly TimeSpan s_workLease = TimeSpan.FromMinutes(10);

    /// <summary>
    /// The record (every device's outcome) is saved at most this often while the work runs, and at its end: saving it
    /// after every batch would write an incident of 100,000 devices 200 times over. A restart redoes at most this much
    /// work; every action is idempotent.
    /// </summary>
    private static readonly TimeSpan s_saveInterval = TimeSpan.FromSeconds(2);

    private Task? _work;
    private bool _lookAgain;

    /// <summary>Audit records a failed commit left; sent again with the next batch (the work does not wait on the trail).</summary>
    private readonly List<AuditEntry> _unrecorded = [];

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (!incident.RecordExists || incident.State.Status is IncidentStatus.Contained or IncidentStatus.Released)
        {
            await this.KeepAsync(ResumeReminder, needed: false, registered: true, CancellationToken.None);
            return;
        }

        StartWork();
    }

    /// <summary>Starts the work, or, while it runs, has it look again when it ends (a release asked for as the containment finishes).</summary>
    private void StartWork()
    {
        if (_work is null)
        {
            _work = WorkAsync();
        }
        else
        {
            _lookAgain = true;
        }
    }

    private async Task WorkAsync()
    {
        try
        {
            DelayDeactivation(s_workLease);
            bool releasing = incident.State.Status == IncidentStatus.Releasing;
            int next = 0;
            DateTimeOffset saved = time.GetUtcNow();
            List<int> batch;
            while ((batch = NextBatch(releasing, ref next)).Count > 0)
            {
                IncidentDevice[] done = await Task.WhenAll(batch.Select(position => releasing
                    ? ReleaseDeviceAsync(incident.State.Devices[position])
                    : ContainDeviceAsync(incident.State.Devices[position])));
                for (int i = 0; i < batch.Count; i++)
                {
                    incident.State.Devices[batch[i]] = done[i];
                    IncidentMetrics.DevicesContained.Add(1, new KeyValuePair<string, object?>("outcome", done[i].Status.ToString().ToLowerInvariant()));
                }

                await RecordAsync(releasing ? [] : done.SelectMany(device => IncidentAudit.Steps(Key.Id, incident.State.OpenedBy, device)));
                if (time.GetUtcNow() - saved >= s_saveInterval)
                {
                    await incident.WriteStateAsync();
                    saved = time.GetUtcNow();
                }
            }

            if (!releasing || incident.State.Devices.TrueForAll(device => device.Status == IncidentDeviceStatus.Released || device.ClusterId is null))
            {
                await FinishAsync(releasing);
            }
            else
            {
                await incident.WriteStateAsync(); // some releases failed: the reminder tries them again
            }
        }
        catch (Exception failure)
        {
            // The reminder tries again within a minute; what was saved is not done twice.
            LogWorkFailed(failure, Key.TenantId, Key.Id);
        }
        finally
        {
            _work = null;
            if (_lookAgain && incident.State.Status is IncidentStatus.Running or IncidentStatus.Releasing)
            {
                _lookAgain = false;
                StartWork();
            }
        }
    }

    /// <summary>The next devices from <paramref name="next"/> on that still need the work; one pass over the list, so a device whose release failed waits for the next pass.</summary>
    private List<int> NextBatch(bool releasing, ref int next)
    {
        var batch = new List<int>(BatchSize);
        List<IncidentDevice> devices = incident.State.Devices;
        for (; next < devices.Count && batch.Count < BatchSize; next++)
        {
            IncidentDevice device = devices[next];
            if (releasing ? device.Status != IncidentDeviceStatus.Released && device.ClusterId is not null : device.Status == IncidentDeviceStatus.Pending)
            {
                batch.Add(next);
            }
        }

        return batch;
    }

    private async Task FinishAsync(bool releasing)
    {
        IncidentState state = incident.State;
        DateTimeOffset now = time.GetUtcNow();
        AuditActor actor = releasing ? state.ReleasedBy ?? state.OpenedBy : AuditActor.System;
        int failed = state.Devices.Count(device => device.Status == IncidentDeviceStatus.Failed);
        if (releasing)
        {
            (state.Status, state.ReleasedAt) = (IncidentStatus.Released, now);
            state.Timeline.Add(new IncidentEvent(now, actor, "released", $"{state.Devices.Count(device => device.Status == IncidentDeviceStatus.Released)} device(s) released"));
        }
        else
        {
            (state.Status, state.ContainedAt) = (IncidentStatus.Contained, now);
            state.Timeline.Add(new IncidentEvent(now, actor, "contained", $"{state.Devices.Count - failed} device(s) contained, {failed} failed"));
        }

        await RecordAsync([]);
        await incident.WriteStateAsync();
        // A release may have been asked for meanwhile; its work keeps the reminder.
        await this.KeepAsync(ResumeReminder, needed: state.Status is IncidentStatus.Releasing, registered: true, CancellationToken.None);
        LogFinished(Key.TenantId, Key.Id, state.Status, state.Devices.Count, failed);
    }

    /// <summary>Runs the actions on one device; whatever went wrong is the device's outcome, never the incident's.</summary>
    private async Task<IncidentDevice> ContainDeviceAsync(IncidentDevice device)
    {
        IncidentState state = incident.State;
        string key = new DeviceKey(Key.TenantId, device.DeviceId).ToString();
        var steps = new List<IncidentStep>();
        string? clusterId = null;
        try
        {
            ContainedDevice contained = await GrainFactory.GetGrain<IIncidentTargetGrain>(key).ContainAsync(new DeviceContainment(
                Key.Id, state.Actions.Contains(IncidentAction.Quarantine), state.Actions.Contains(IncidentAction.RotateTokens),
                state.Actions.Contains(IncidentAction.Disconnect), state.AllowedClusterIds));
            clusterId = contained.ClusterId;
            steps.AddRange(contained.Steps);
            bool revoke = state.Actions.Contains(IncidentAction.RevokeCertificates);
            bool block = state.Actions.Contains(IncidentAction.BlockEnrollment);
            if (revoke || block)
            {
                steps.AddRange(await GrainFactory.GetGrain<IDeviceCertificatesGrain>(key)
                    .ContainAsync(Key.Id, revoke, block, $"{state.OpenedBy.Name} (incident {Key.Id})"));
            }
        }
        catch (Exception failure)
        {
            string reason = failure is CarmenException { Kind: ErrorKind.NotFound } ? "the device does not exist" : failure.Message;
            steps.AddRange(state.Actions.Where(action => steps.TrueForAll(step => step.Action != action))
                .Select(action => new IncidentStep(action, IncidentStepOutcome.Failed, reason)));
        }

        IncidentDeviceStatus status = steps.Exists(step => step.Outcome == IncidentStepOutcome.Failed) ? IncidentDeviceStatus.Failed : IncidentDeviceStatus.Contained;
        return device with { Status = status, ClusterId = clusterId, Steps = [.. steps.OrderBy(step => step.Action)], ContainedAt = time.GetUtcNow() };
    }

    /// <summary>Lifts what this incident put on the device; a failure leaves it for the next pass (the reminder's).</summary>
    private async Task<IncidentDevice> ReleaseDeviceAsync(IncidentDevice device)
    {
        IncidentState state = incident.State;
        string key = new DeviceKey(Key.TenantId, device.DeviceId).ToString();
        var lifted = new List<string>();
        try
        {
            if (state.Actions.Contains(IncidentAction.Quarantine) && await GrainFactory.GetGrain<IIncidentTargetGrain>(key).ReleaseIsolationAsync(Key.Id))
            {
                lifted.Add("isolation lifted");
            }

            if (state.Actions.Contains(IncidentAction.BlockEnrollment) && await GrainFactory.GetGrain<IDeviceCertificatesGrain>(key).ReleaseEnrollmentAsync(Key.Id))
            {
                lifted.Add("enrollment unblocked");
            }
        }
        catch (Exception failure)
        {
            LogReleaseFailed(failure, Key.TenantId, Key.Id, device.DeviceId);
            return device;
        }

        _unrecorded.Add(IncidentAudit.Released(Key.Id, state.ReleasedBy ?? state.OpenedBy, device.DeviceId, lifted.Count > 0 ? string.Join("; ", lifted) : "nothing held"));
        return device with { Status = IncidentDeviceStatus.Released, ReleasedAt = time.GetUtcNow() };
    }

    private async Task RecordAsync(IEnumerable<AuditEntry> entries)
    {
        _unrecorded.AddRange(entries);
        if (_unrecorded.Count == 0)
        {
            return;
        }

        List<AuditEntry> batch = [.. _unrecorded];
        try
        {
            await GrainFactory.GetGrain<IAuditTrailGrain>(Key.TenantId).AppendManyAsync(batch);
            _unrecorded.RemoveRange(0, batch.Count);
        }
        catch (Exception failure)
        {
            LogAuditFailed(failure, Key.TenantId, Key.Id, batch.Count);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Incident {TenantId}/{IncidentId} is {Status}: {Devices} device(s), {Failed} failed")]
    private partial void LogFinished(string tenantId, long incidentId, IncidentStatus status, int devices, int failed);

    [LoggerMessage(Level = LogLevel.Error, Message = "Incident {TenantId}/{IncidentId} stopped; it resumes within a minute")]
    private partial void LogWorkFailed(Exception failure, string tenantId, long incidentId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Incident {TenantId}/{IncidentId} could not release device {DeviceId} yet")]
    private partial void LogReleaseFailed(Exception failure, string tenantId, long incidentId, string deviceId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Incident {TenantId}/{IncidentId}: {Count} step records not yet in the audit trail; retrying with the next batch")]
    private partial void LogAuditFailed(Exception failure, string tenantId, long incidentId, int count);
}
