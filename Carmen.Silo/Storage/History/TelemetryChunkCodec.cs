using System.Buffers;
using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Carmen.Grains.Interfaces.Connectivity;
using Carmen.Grains.Interfaces.Telemetry;

namespace Carmen.Silo.Storage.History;

/// <summary>
/// A chunk's bytes. Format 1: the byte 1, then per point in time order the difference to the previous timestamp
/// (the first: to 0) as a zigzag varint, the kind as a byte, and the value: a number as 8 bytes (IEEE 754, little
/// endian), a boolean as one byte, a string or JSON as a varint byte length and UTF-8. Points PostgreSQL migrated from
/// its row-per-point table are a JSON array instead, <c>[[ts, kind, "number" | null, "text" | null], ...]</c> (what
/// its SQL can build exactly), recognised by its leading '['.
/// </summary>
internal static class TelemetryChunkCodec
{
    private const byte Format1 = 1;

    /// <summary>Writes <paramref name="points"/> (in time order); a timestamp repeated keeps its last value. Returns how many points were written.</summary>
    public static int Encode(ReadOnlySpan<TimestampedValue> points, IBufferWriter<byte> output)
    {
        WriteByte(output, Format1);
        long previous = 0;
        int written = 0;
        for (int i = 0; i < points.Length; i++)
        {
            if (i + 1 < points.Length && points[i + 1].Timestamp == points[i].Timestamp)
            {
                continue;
            }

            (long timestamp, TelemetryValue value) = points[i];
            WriteVarint(output, ZigZag(timestamp - previous));
            previous = timestamp;
            WriteByte(output, (byte)value.Kind);
            switch (value.Kind)
            {
                case TelemetryValueKind.Number:
                    BinaryPrimitives.WriteDoubleLittleEndian(output.GetSpan(8), value.Number);
                    output.Advance(8);
                    break;
                case TelemetryValueKind.Boolean:
                    WriteByte(output, value.Number != 0 ? (byte)1 : (byte)0);
                    break;
                default:
                    string text = value.Text ?? "";
                    int length = Encoding.UTF8.GetByteCount(text);
                    WriteVarint(output, (ulong)length);
                    output.Advance(Encoding.UTF8.GetBytes(text, output.GetSpan(length)));
                    break;
            }

            written++;
        }

        return written;
    }

    /// <summary>Appends the chunk's points to <paramref name="into"/>, in the chunk's (time) order.</summary>
    public static void Decode(ReadOnlySpan<byte> data, List<HistoryPoint> into)
    {
        if (data.IsEmpty)
        {
            return;
        }

        if (data[0] == (byte)'[')
        {
            DecodeMigrated(data, into);
            return;
        }

        if (data[0] != Format1)
        {
            throw new InvalidDataException($"A telemetry chunk in format {data[0]} cannot be read by this version of Carmen.");
        }

        int at = 1;
        long timestamp = 0;
        while (at < data.Length)
        {
            timestamp += UnZigZag(ReadVarint(data, ref at));
            var kind = (TelemetryValueKind)data[at++];
            TelemetryValue value;
            switch (kind)
            {
                case TelemetryValueKind.Number:
                    value = TelemetryValue.FromNumber(BinaryPrimitives.ReadDoubleLittleEndian(data.Slice(at, 8)));
                    at += 8;
                    break;
                case TelemetryValueKind.Boolean:
                    value = TelemetryValue.FromBoolean(data[at++] != 0);
                    break;
                default:
                    int length = checked((int)ReadVarint(data, ref at));
                    value = new TelemetryValue(kind, 0, Encoding.UTF8.GetString(data.Slice(at, length)));
                    at += length;
                    break;
            }

            into.Add(new HistoryPoint(timestamp, value));
        }
    }

    private static void DecodeMigrated(ReadOnlySpan<byte> data, List<HistoryPoint> into)
    {
        var reader = new Utf8JsonReader(data);
        using JsonDocument document = JsonDocument.ParseValue(ref reader);
        var points = new List<HistoryPoint>(document.RootElement.GetArrayLength());
        foreach (JsonElement row in document.RootElement.EnumerateArray())
        {
            var kind = (TelemetryValueKind)row[1].GetInt32();
            double number = row[2].ValueKind == JsonValueKind.String ? double.Parse(row[2].GetString()!, NumberStyles.Float, CultureInfo.InvariantCulture) : 0;
            string? text = row[3].ValueKind == JsonValueKind.String ? row[3].GetString() : null;
            points.Add(new HistoryPoint(row[0].GetInt64(), new TelemetryValue(kind, number, text)));
        }

        // SQL's aggregate order is not promised; the rows were unique per timestamp, so sorting is all it takes.
        into.AddRange(points.OrderBy(point => point.Timestamp));
    }

    private static void WriteByte(IBufferWriter<byte> output, byte value)
    {
        output.GetSpan(1)[0] = value;
        output.Advance(1);
    }

    private static void WriteVarint(IBufferWriter<byte> output, ulong value)
    {
        Span<byte> span = output.GetSpan(10);
        int length = 0;
        while (value >= 0x80)
        {
            span[length++] = (byte)(value | 0x80);
            value >>= 7;
        }

        span[length++] = (byte)value;
        output.Advance(length);
    }

    private static ulong ReadVarint(ReadOnlySpan<byte> data, ref int at)
    {
        ulong value = 0;
        for (int shift = 0; shift < 64; shift += 7)
        {
            byte next = data[at++];
            value |= (ulong)(next & 0x7F) << shift;
            if (next < 0x80)
            {
                return value;
            }
        }

        throw new InvalidDataException("A telemetry chunk holds a varint longer than 10 bytes.");
    }

    private static ulong ZigZag(long value) => (ulong)((value << 1) ^ (value >> 63));

    private static long UnZigZag(ulong value) => (long)(value >> 1) ^ -(long)(value & 1);
}
