namespace Carmen.Grains.Interfaces.Updates;

/// <summary>What became of a device's feedback.</summary>
[GenerateSerializer, Alias("Carmen.FeedbackOutcome")]
public enum FeedbackOutcome
{
    /// <summary>Recorded (a repeat of the report that closed the action is accepted and changes nothing).</summary>
    Accepted = 0,

    /// <summary>The action is no longer active (HTTP 410 in DDI).</summary>
    Gone = 1,

    /// <summary>Feedback on a cancellation for an action nobody asked to cancel (HTTP 405 in DDI, as hawkBit answers).</summary>
    NotCancelable = 2,
}
