namespace Carmen.Grains.Interfaces.Alerts;

/// <summary>Where an alert is in its lifecycle: whether it still holds, and whether someone has taken it in hand (ThingsBoard's four states).</summary>
public enum AlertState
{
    /// <summary>Holds, and nobody has acknowledged it.</summary>
    ActiveUnacknowledged,

    /// <summary>Holds, and someone has acknowledged it.</summary>
    ActiveAcknowledged,

    /// <summary>Cleared (by its rule or an operator) before anyone acknowledged it.</summary>
    ClearedUnacknowledged,

    /// <summary>Cleared and acknowledged: nothing left to do.</summary>
    ClearedAcknowledged,
}
