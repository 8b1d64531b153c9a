using System.Globalization;
using System.Text.Json;
using Carmen.Grains.Interfaces.Audit;
using Carmen.Grains.Interfaces.Incidents;

namespace Carmen.Grains.Incidents;

/// <summary>How an incident's steps read in the audit trail: one record per action per device, each naming the incident.</summary>
internal static class IncidentAudit
{
    /// <summary>An action as the API and the trail spell it ("revokeCertificates").</summary>
    public static string Name(IncidentAction action) => JsonNamingPolicy.CamelCase.ConvertName(action.ToString());

    public static IEnumerable<AuditEntry> Steps(long incidentId, AuditActor actor, IncidentDevice device) =>
        device.Steps.Select(step => Entry(incidentId, actor, device.DeviceId, $"incident.{Name(step.Action)}", step.Outcome, step.Detail));

    public static AuditEntry Released(long incidentId, AuditActor actor, string deviceId, string detail) =>
        Entry(incidentId, actor, deviceId, "incident.release", IncidentStepOutcome.Done, detail);

    private static AuditEntry Entry(long incidentId, AuditActor actor, string deviceId, string action, IncidentStepOutcome outcome, string? detail) =>
        new(AuditSources.Device, actor, action, "devices", deviceId, $"device:{deviceId}", 0,
        [
            new AuditChange("incidentId", null, incidentId.ToString(CultureInfo.InvariantCulture)),
            new AuditChange("outcome", null, JsonSerializer.Serialize(JsonNamingPolicy.CamelCase.ConvertName(outcome.ToString()))),
            .. detail is null ? Array.Empty<AuditChange>() : [new AuditChange("detail", null, JsonSerializer.Serialize(detail))],
        ]);
}
