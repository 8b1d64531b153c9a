namespace Carmen.EdgeAgent.Ota;

/// <summary>What a report answers: the deployment itself, a request to cancel it, or a request to confirm it.</summary>
public enum ReportSubject
{
    Deployment,
    Cancel,
    Confirmation,
}
