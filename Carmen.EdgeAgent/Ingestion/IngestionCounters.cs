namespace Carmen.EdgeAgent.Ingestion;

/// <summary>Application records the local endpoints refused since the agent started; they ride along as <c>agentIngestRejected</c>.</summary>
public sealed class IngestionCounters
{
    private long _rejected;

    public long Rejected => Interlocked.Read(ref _rejected);

    public void Refused(int records) => Interlocked.Add(ref _rejected, records);
}
