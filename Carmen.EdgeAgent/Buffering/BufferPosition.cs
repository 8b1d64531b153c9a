namespace Carmen.EdgeAgent.Buffering;

/// <summary>A place in the queue: a segment file and a byte offset in it.</summary>
public readonly record struct BufferPosition(long Segment, long Offset);
