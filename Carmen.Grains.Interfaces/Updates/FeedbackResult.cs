namespace Carmen.Grains.Interfaces.Updates;

/// <summary>The result a device reports in DDI feedback (status.result.finished).</summary>
[GenerateSerializer, Alias("Carmen.FeedbackResult")]
public enum FeedbackResult
{
    /// <summary>Not finished yet.</summary>
    None = 0,

    /// <summary>Succeeded.</summary>
    Success = 1,

    /// <summary>Failed.</summary>
    Failure = 2,
}
