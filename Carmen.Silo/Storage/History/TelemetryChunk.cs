namespace Carmen.Silo.Storage.History;

/// <summary>
/// The points one history flush took of one series within one hour (<see cref="Bucket"/>, its first millisecond):
/// the unit history is written, read and expired in. Chunks of a series may overlap in time (a redelivered or late
/// point); the one written last wins for a timestamp both hold.
/// </summary>
internal sealed record TelemetryChunk(SeriesName Series, long Bucket, long FirstTimestamp, long LastTimestamp, int Points, byte[] Data)
{
    /// <summary>The width of a chunk's bucket: a read seeks straight to the hours it asks for.</summary>
    public const long BucketMilliseconds = 3_600_000;

    /// <summary>The first millisecond of the hour <paramref name="timestamp"/> is in (also before 1970).</summary>
    public static long BucketOf(long timestamp) => timestamp - (((timestamp % BucketMilliseconds) + BucketMilliseconds) % BucketMilliseconds);
}
