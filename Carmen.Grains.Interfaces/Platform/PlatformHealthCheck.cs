namespace Carmen.Grains.Interfaces.Platform;

/// <summary>The platform's built-in health rules; each raises a platform alert per subject (a silo, a certificate) while it fails.</summary>
public enum PlatformHealthCheck
{
    /// <summary>A silo was declared dead by the cluster; clears when a silo at its address joins again.</summary>
    SiloLeft,

    /// <summary>A silo's telemetry queue holds more than its threshold of messages: devices are being slowed down.</summary>
    IngestBacklog,

    /// <summary>A silo's history writes lag behind what it accepted by more than the threshold.</summary>
    HistoryLag,

    /// <summary>A silo's store does not answer its probe.</summary>
    StorageErrors,

    /// <summary>The MQTT listener's TLS certificate expires within the warning period.</summary>
    CertificateExpiry,

    /// <summary>A license expires within its warning period (reported by the licensing component).</summary>
    LicenseExpiry,

    /// <summary>An address failing to sign in across many accounts was blocked; clears when its block ends.</summary>
    CredentialStuffing,

    /// <summary>A silo refused more MQTT CONNECTs for their credentials in a minute than its threshold.</summary>
    MqttAuthenticationStorm,

    /// <summary>The last scheduled backup failed, or the newest successful one is older than the configured limit.</summary>
    BackupFailing,
}
