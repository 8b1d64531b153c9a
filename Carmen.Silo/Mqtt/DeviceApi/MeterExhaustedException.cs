namespace Carmen.Silo.Mqtt.DeviceApi;

/// <summary>A device's telemetry would go past its tenant's licensed points for the month; the message says so.</summary>
internal sealed class MeterExhaustedException(string detail) : Exception(detail);
