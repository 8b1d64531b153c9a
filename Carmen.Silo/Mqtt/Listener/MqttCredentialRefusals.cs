namespace Carmen.Silo.Mqtt.Listener;

/// <summary>CONNECTs this silo refused for their credentials since the health monitor last looked (the storm check).</summary>
public sealed class MqttCredentialRefusals
{
    private long _count;

    public void Add() => Interlocked.Increment(ref _count);

    /// <summary>The count since the last call, and a fresh start.</summary>
    public long Take() => Interlocked.Exchange(ref _count, 0);
}
