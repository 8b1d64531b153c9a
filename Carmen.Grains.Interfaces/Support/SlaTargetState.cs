namespace Carmen.Grains.Interfaces.Support;

/// <summary>Where one SLA target of a ticket stands.</summary>
[GenerateSerializer, Alias("Carmen.SlaTargetState")]
public enum SlaTargetState
{
    /// <summary>The clock runs, within the target.</summary>
    Active = 0,

    /// <summary>The clock stands (pending or on hold), within the target.</summary>
    Paused = 1,

    /// <summary>Done within the target.</summary>
    Met = 2,

    /// <summary>The target was passed.</summary>
    Breached = 3,
}
