namespace Carmen.EdgeAgent.Ingestion;

/// <summary>Application records taken and refused since the agent started; refusals ride along as <c>agentIngestRejected</c>.</summary>
public sealed class IngestionCounters
{
    private long _accepted;
    private long _rejected;

    public long Accepted => Interlocked.Read(ref _accepted);

    public long Rejected => Interlocked.Read(ref _rejected);

    public void Count(int accepted, int rejected)
    {
        Interlocked.Add(ref _accepted, accepted);
        Interlocked.Add(ref _rejected, rejected);
    }
}
