namespace Carmen.Silo.Mqtt;

/// <summary>When a QoS 1 telemetry message is acknowledged (its PUBACK, or through an external broker the bridge's acknowledgement to the broker).</summary>
public enum MqttAcknowledgement
{
    /// <summary>Once the device grain has taken the points and queued them for history (the default: a crash loses what was queued).</summary>
    Accepted,

    /// <summary>Once the points are committed to history: nothing acknowledged is lost in a crash, at the cost of the commit's latency.</summary>
    Stored,
}
