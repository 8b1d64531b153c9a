namespace Carmen.EdgeAgent.Buffering;

/// <summary>Records read from the queue, oldest first, and where the queue resumes once they are committed.</summary>
public sealed record BufferedBatch(IReadOnlyList<byte[]> Records, BufferPosition End);
