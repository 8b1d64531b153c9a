using System.Globalization;
using System.Text.Json;
using Carmen.Grains.Interfaces.Audit;
using Carmen.Grains.Interfaces.Rollouts;
using Carmen.Grains.Interfaces.Updates;
using Microsoft.Extensions.Logging;

namespace Carmen.Grains.Rollouts;

/// <summary>
/// The device events a rollout causes without an API call of its own, for the tenant's audit trail: an update action
/// assigned to a device, and one withdrawn from it. Gathered as they happen and appended in one batch per work pass;
/// what the trail refused is kept (up to <see cref="MaxUnrecorded"/>) for the next pass.
/// </summary>
public sealed partial class RolloutBatchGrain
{
    private const int MaxUnrecorded = 100_000;

    private readonly List<AuditEntry> _unrecorded = [];

    private void RecordAssigned(RolloutMember member) =>
        Record(member, "updateActionAssigned",
            new AuditChange("actionId", null, member.ActionId.ToString(CultureInfo.InvariantCulture)),
            new AuditChange("distributionSetId", null, Plan.Deployment.DistributionSetId.ToString(CultureInfo.InvariantCulture)));

    private void RecordWithdrawn(RolloutMember member, ActionStatus? status) =>
        Record(member, "updateActionCanceled",
            new AuditChange("actionId", member.ActionId.ToString(CultureInfo.InvariantCulture), null),
            new AuditChange("status", null, status is ActionStatus known ? $"\"{JsonNamingPolicy.CamelCase.ConvertName(known.ToString())}\"" : null));

    private void Record(RolloutMember member, string action, params AuditChange[] changes)
    {
        if (Plan.TargetKind != RolloutTargetKind.Devices || _unrecorded.Count >= MaxUnrecorded)
        {
            return;
        }

        _unrecorded.Add(new AuditEntry(AuditSources.Device, new AuditActor(AuditActorKinds.System, $"rollout:{Key.RolloutId}"), action,
            "devices", member.TargetId, $"device:{member.TargetId}", 0, changes));
    }

    private async Task RecordPendingAsync()
    {
        if (_unrecorded.Count == 0)
        {
            return;
        }

        List<AuditEntry> entries = [.. _unrecorded];
        try
        {
            await GrainFactory.GetGrain<IAuditTrailGrain>(Key.TenantId).AppendManyAsync(entries);
            _unrecorded.RemoveRange(0, entries.Count); // answers arriving meanwhile were added after these
        }
        catch (Exception failure)
        {
            LogAuditFailed(failure, Key.TenantId, Key.RolloutId, entries.Count);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rollout {TenantId}/{RolloutId}: {Count} device events not yet in the audit trail; retrying on the next pass")]
    private partial void LogAuditFailed(Exception failure, string tenantId, long rolloutId, int count);
}
