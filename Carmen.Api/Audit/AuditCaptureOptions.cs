namespace Carmen.Api.Audit;

/// <summary>How the API records its mutating calls.</summary>
public sealed class AuditCaptureOptions
{
    public const string SectionName = "Carmen:Audit";

    /// <summary>
    /// Refuse changes that cannot be recorded (503), as Vault does, rather than carry on and log the loss. The call that
    /// first meets a failing trail may already be applied: it answers 503 all the same, and later ones are refused
    /// before they run until the trail writes again.
    /// </summary>
    public bool FailClosed { get; set; }
}
