namespace Carmen.Grains.Interfaces.Updates;

/// <summary>Where an update action stands (hawkBit's action states).</summary>
[GenerateSerializer, Alias("Carmen.ActionStatus")]
public enum ActionStatus
{
    /// <summary>Created by a rollout whose group has not started; the device does not see it yet.</summary>
    Scheduled = 0,

    /// <summary>Offered to the device.</summary>
    Running = 1,

    /// <summary>The device reports it is downloading.</summary>
    Downloading = 2,

    /// <summary>The device reports the download complete.</summary>
    Downloaded = 3,

    /// <summary>Installed successfully: the distribution set is now the device's installed one.</summary>
    Finished = 4,

    /// <summary>The device reported failure.</summary>
    Error = 5,

    /// <summary>Cancellation requested; waiting for the device to confirm.</summary>
    Canceling = 6,

    /// <summary>Canceled.</summary>
    Canceled = 7,

    /// <summary>Waiting for the device's user to confirm the update.</summary>
    WaitingForConfirmation = 8,
}
