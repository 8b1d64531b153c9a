namespace Carmen.Grains.Interfaces.Updates;

/// <summary>The execution status a device reports in DDI feedback (status.execution).</summary>
[GenerateSerializer, Alias("Carmen.FeedbackExecution")]
public enum FeedbackExecution
{
    /// <summary>Done; the result says how it ended.</summary>
    Closed = 0,

    /// <summary>Working on it (with optional progress).</summary>
    Proceeding = 1,

    /// <summary>Canceled on the device (confirms a cancellation).</summary>
    Canceled = 2,

    /// <summary>Scheduled on the device for later.</summary>
    Scheduled = 3,

    /// <summary>The device refuses the action (or the cancellation).</summary>
    Rejected = 4,

    /// <summary>Work resumed after an interruption.</summary>
    Resumed = 5,

    /// <summary>The artifacts are downloaded.</summary>
    Downloaded = 6,

    /// <summary>Downloading.</summary>
    Download = 7,
}
