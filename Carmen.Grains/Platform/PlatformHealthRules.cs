using Carmen.Grains.Interfaces.Alerts;
using Carmen.Grains.Interfaces.Platform;

namespace Carmen.Grains.Platform;

/// <summary>The built-in platform rules as alert rules: a fixed id (the check's number plus one), a name and a severity.</summary>
public static class PlatformHealthRules
{
    public static long RuleId(PlatformHealthCheck check) => (long)check + 1;

    public static string Name(PlatformHealthCheck check) => check switch
    {
        PlatformHealthCheck.SiloLeft => "Silo left the cluster",
        PlatformHealthCheck.IngestBacklog => "MQTT ingest backlog",
        PlatformHealthCheck.HistoryLag => "Telemetry history lagging",
        PlatformHealthCheck.StorageErrors => "Store not answering",
        PlatformHealthCheck.CertificateExpiry => "Certificate expiring",
        PlatformHealthCheck.CredentialStuffing => "Credential stuffing: address blocked",
        PlatformHealthCheck.MqttAuthenticationStorm => "Storm of refused MQTT credentials",
        PlatformHealthCheck.BackupFailing => "Backups failing",
        _ => "License expiring",
    };

    public static AlertSeverity Severity(PlatformHealthCheck check) => check switch
    {
        PlatformHealthCheck.StorageErrors => AlertSeverity.Critical,
        PlatformHealthCheck.SiloLeft or PlatformHealthCheck.IngestBacklog or PlatformHealthCheck.HistoryLag
            or PlatformHealthCheck.CredentialStuffing or PlatformHealthCheck.MqttAuthenticationStorm or PlatformHealthCheck.BackupFailing => AlertSeverity.Major,
        _ => AlertSeverity.Warning,
    };
}
