namespace Carmen.Grains.Licenses;

/// <summary>What a used-up monthly meter does to what it counts.</summary>
public enum MeterAction
{
    /// <summary>Telemetry is refused until the month ends or the licenses grow; devices are told (MQTT reason code 0x97).</summary>
    Refuse,

    /// <summary>Telemetry is still taken; the tenant's administrators and the platform are warned.</summary>
    Warn,
}
