using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Carmen.Grains.Diagnostics;

/// <summary>Carmen's own meter and activity source; hosts subscribe to <see cref="Name"/>.</summary>
public static class CarmenDiagnostics
{
    public const string Name = "Carmen";

    public static readonly ActivitySource ActivitySource = new(Name);

    public static readonly Meter Meter = new(Name);

    public static readonly Counter<long> DevicesRegistered =
        Meter.CreateCounter<long>("carmen.devices.registered", "{device}", "Devices registered.");

    public static readonly Counter<long> DevicesProvisioned =
        Meter.CreateCounter<long>("carmen.devices.provisioned", "{request}", "Device provisioning requests (ThingsBoard's /provision/request), by outcome: provisioned, failed, refused (wrong key or secret).");

    public static readonly Counter<long> DeviceRegistrationsRejected =
        Meter.CreateCounter<long>("carmen.devices.registrations_rejected", "{device}", "Device registrations refused, tagged by error kind.");

    public static readonly Counter<long> DevicesDecommissioned =
        Meter.CreateCounter<long>("carmen.devices.decommissioned", "{device}", "Devices decommissioned.");

    public static readonly Counter<long> SignIns =
        Meter.CreateCounter<long>("carmen.auth.sign_ins", "{attempt}", "Operator sign-in attempts, tagged by outcome.");

    public static readonly Counter<long> DeviceConnections =
        Meter.CreateCounter<long>("carmen.devices.connection_events", "{event}", "Device connections opened and closed, tagged by outcome.");

    public static readonly Counter<long> MqttConnectionsRefused =
        Meter.CreateCounter<long>("carmen.mqtt.connections_refused", "{connection}", "MQTT CONNECTs refused, tagged by reason.");

    public static readonly Counter<long> UpdateActions =
        Meter.CreateCounter<long>("carmen.updates.actions", "{action}", "Update actions assigned and settled, tagged by status (assigned, finished, error, canceled).");

    public static readonly Counter<long> RolloutNotifications =
        Meter.CreateCounter<long>("carmen.rollouts.notifications", "{device}", "Rollout notifications, tagged by outcome (assigned, alreadyinstalled, busy, unavailable), counted when the device answers or takes its post.");

    public static readonly Counter<long> RolloutPosts =
        Meter.CreateCounter<long>("carmen.rollouts.posted", "{device}", "Rollout actions posted to devices in bulk, which each device takes when it next wakes or is pinged.");

    public static readonly Counter<long> RolloutOutcomes =
        Meter.CreateCounter<long>("carmen.rollouts.device_outcomes", "{device}", "Rollout devices settled, tagged by outcome (succeeded, failed).");

    public static readonly Counter<long> RolloutTransitions =
        Meter.CreateCounter<long>("carmen.rollouts.transitions", "{rollout}", "Rollout lifecycle changes, tagged by the new status.");

    public static readonly Counter<long> MqttMessages =
        Meter.CreateCounter<long>("carmen.mqtt.messages", "{message}", "MQTT messages from devices, tagged by kind and outcome.");

    public static readonly Counter<long> AlertTransitions =
        Meter.CreateCounter<long>("carmen.alerts.transitions", "{alert}", "Alert lifecycle changes, tagged by change (raised, recurred, acknowledged, cleared) and severity; cleared also by who (rule, operator).");

    public static readonly Counter<long> AlertEvaluations =
        Meter.CreateCounter<long>("carmen.alerts.evaluations", "{evaluation}", "Alert rules evaluated on devices, one per rule and message (or timer tick, or event).");

    public static readonly Counter<long> NotificationDeliveries =
        Meter.CreateCounter<long>("carmen.notifications.deliveries", "{attempt}", "Notification delivery attempts, tagged by channel type and outcome (delivered, failed, deadLettered).");

    public static readonly Counter<long> Escalations =
        Meter.CreateCounter<long>("carmen.alerts.escalations", "{notification}", "Escalation levels reached, tagged by whether it was a first notification or a re-notification.");

    public static readonly Counter<long> TelemetryPoints =
        Meter.CreateCounter<long>("carmen.telemetry.points", "{point}", "Telemetry data points accepted.");

    public static readonly Counter<long> TelemetryPointsStored =
        Meter.CreateCounter<long>("carmen.telemetry.points_stored", "{point}", "Telemetry data points written to history.");

    public static readonly Counter<long> TelemetryStreamDropped =
        Meter.CreateCounter<long>("carmen.telemetry.stream_dropped", "{point}", "Telemetry points not put on their tenant's stream because its consumers were behind (the hand-off was full) or the stream refused them; history still has them.");

    public static readonly Histogram<double> TelemetryFlushDuration =
        Meter.CreateHistogram<double>("carmen.telemetry.history_write_duration", "ms", "Time to write one fan-out batch to history.");

    public static readonly Counter<long> MemoryReclaims =
        Meter.CreateCounter<long>("carmen.memory.reclaims", "{collection}", "Full, compacting garbage collections the node induced to give the memory of collected idle grains back to the system.");

    public static readonly Counter<long> TelemetryPointsDeleted =
        Meter.CreateCounter<long>("carmen.telemetry.points_expired", "{point}", "Telemetry data points deleted by retention.");

    public static readonly Counter<long> AuditRecords =
        Meter.CreateCounter<long>("carmen.audit.records", "{record}", "Audit records committed, tagged by source (api, security, device, system).");

    public static readonly Histogram<long> AuditBatchSize =
        Meter.CreateHistogram<long>("carmen.audit.batch_size", "{record}", "Records of one chain committed together (group commit).");

    public static readonly Counter<long> AuditAppendFailures =
        Meter.CreateCounter<long>("carmen.audit.append_failures", "{record}", "Audit records that could not be stored.");

    public static readonly Counter<long> ImportRows =
        Meter.CreateCounter<long>("carmen.imports.rows", "{row}", "Bulk import rows processed, tagged by outcome.");
}
