namespace Carmen.Grains.Interfaces.Updates;

/// <summary>How insistently a device is asked to update (hawkBit's action types).</summary>
[GenerateSerializer, Alias("Carmen.ActionType")]
public enum ActionType
{
    /// <summary>Download and install at once.</summary>
    Forced = 0,

    /// <summary>The device (or its user) decides when.</summary>
    Soft = 1,

    /// <summary>Soft until the force time, forced after it.</summary>
    TimeForced = 2,

    /// <summary>Download only; the action finishes when the device reports the download.</summary>
    DownloadOnly = 3,
}
