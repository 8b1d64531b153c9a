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
        var series = new Dictionary<(SeriesName, long), List<TimestampedValue>>();
        foreach (DeviceTelemetry message in batch)
        {
            foreach (TelemetryPoint point in message.Points)
            {
                ref List<TimestampedValue>? points = ref CollectionsMarshal.GetValueRefOrAddDefault(
                    series, (new SeriesName(message.Device.TenantId, message.Device.DeviceId, point.Key), TelemetryChunk.BucketOf(point.Timestamp)), out _);
                (points ??= []).Add(new TimestampedValue(point.Timestamp, point.Value));
            }
        }

        var chunks = new List<TelemetryChunk>(series.Count);
        var buffer = new ArrayBufferWriter<byte>(1024);
        foreach (((SeriesName name, long bucket), List<TimestampedValue> points) in series)
        {
            List<TimestampedValue> ordered = InTimeOrder(points);
            buffer.ResetWrittenCount();
            int written = TelemetryChunkCodec.Encode(ordered, buffer);
            chunks.Add(new TelemetryChunk(name, bucket, ordered[0].Timestamp, ordered[^1].Timestamp, written, buffer.WrittenSpan.ToArray()));
        }

        return chunks;
    }

    /// <summary>Devices send in time order, so this is usually the list itself; otherwise a stable sort, so the later of two equal timestamps stays later.</summary>
    private static List<TimestampedValue> InTimeOrder(List<TimestampedValue> points)
    {
        for (int i = 1; i < points.Count; i++)
        {
            if (points[i].Timestamp < points[i - 1].Timestamp)
            {
                return [.. points.OrderBy(point => point.Timestamp)];
            }
        }

        return points;
    }
}
