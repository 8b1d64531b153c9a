namespace Carmen.EdgeAgent.Ota;

/// <summary>What became of one report.</summary>
public enum FeedbackDelivery
{
    Delivered,

    /// <summary>Carmen answered and did not take it (the action is closed, or the report is not valid for it).</summary>
    Refused,

    /// <summary>Carmen could not be reached; worth sending again.</summary>
    Unreachable,
}
