using System.Buffers;
using System.Runtime.InteropServices;
using Carmen.Grains.Interfaces.Connectivity;
using Carmen.Grains.Telemetry;

namespace Carmen.Silo.Storage.History;

/// <summary>Cuts a history flush into chunks: one per series and hour, its points in time order, a repeated timestamp kept once (its last value).</summary>
internal static class TelemetryChunks
{
    public static List<TelemetryChunk> From(IReadOnlyList<DeviceTelemetry> batch)
    {
        int total = 0;
        foreach (DeviceTelemetry message in batch)
        {
            total += message.Points.Length;
        }

        // Each point's series is found first, then every point is laid into one array at its series' place: a flush
        // of tens of thousands of points grows no list per series, and both arrays go back to the pool.
        var indexOf = new Dictionary<(SeriesName, long), int>();
        var series = new List<Series>();
        int[] seriesOfPoint = ArrayPool<int>.Shared.Rent(total);
        TimestampedValue[] laid = ArrayPool<TimestampedValue>.Shared.Rent(total);
        try
        {
            int next = 0;
            foreach (DeviceTelemetry message in batch)
            {
                foreach (TelemetryPoint point in message.Points)
                {
                    var name = new SeriesName(message.Device.TenantId, message.Device.DeviceId, point.Key);
                    long bucket = TelemetryChunk.BucketOf(point.Timestamp);
                    ref int index = ref CollectionsMarshal.GetValueRefOrAddDefault(indexOf, (name, bucket), out bool known);
                    if (!known)
                    {
                        index = series.Count;
                        series.Add(new Series(name, bucket));
                    }

                    seriesOfPoint[next++] = index;
                    CollectionsMarshal.AsSpan(series)[index].Count++;
                }
            }

            Span<Series> all = CollectionsMarshal.AsSpan(series);
            for (int i = 0, start = 0; i < all.Length; start += all[i].Count, i++)
            {
                all[i].Start = start;
            }

            next = 0;
            foreach (DeviceTelemetry message in batch)
            {
                foreach (TelemetryPoint point in message.Points)
                {
                    ref Series place = ref all[seriesOfPoint[next++]];
                    laid[place.Start + place.Laid++] = new TimestampedValue(point.Timestamp, point.Value);
                }
            }

            var chunks = new List<TelemetryChunk>(all.Length);
            var buffer = new ArrayBufferWriter<byte>(1024);
            foreach (Series one in all)
            {
                ReadOnlySpan<TimestampedValue> ordered = InTimeOrder(laid.AsSpan(one.Start, one.Count));
                buffer.ResetWrittenCount();
                int written = TelemetryChunkCodec.Encode(ordered, buffer);
                chunks.Add(new TelemetryChunk(one.Name, one.Bucket, ordered[0].Timestamp, ordered[^1].Timestamp, written, buffer.WrittenSpan.ToArray()));
            }

            return chunks;
        }
        finally
        {
            ArrayPool<int>.Shared.Return(seriesOfPoint);
            ArrayPool<TimestampedValue>.Shared.Return(laid, clearArray: true); // they hold strings
        }
    }

    /// <summary>Devices send in time order, so this is usually the points themselves; otherwise a stable sort, so the later of two equal timestamps stays later.</summary>
    private static ReadOnlySpan<TimestampedValue> InTimeOrder(ReadOnlySpan<TimestampedValue> points)
    {
        for (int i = 1; i < points.Length; i++)
        {
            if (points[i].Timestamp < points[i - 1].Timestamp)
            {
                return points.ToArray().OrderBy(point => point.Timestamp).ToArray();
            }
        }

        return points;
    }

    /// <summary>A series and hour of the flush: where its points lie in the laid-out array, and how many are laid so far.</summary>
    private struct Series(SeriesName name, long bucket)
    {
        public readonly SeriesName Name = name;
        public readonly long Bucket = bucket;
        public int Start;
        public int Count;
        public int Laid;
    }
}
