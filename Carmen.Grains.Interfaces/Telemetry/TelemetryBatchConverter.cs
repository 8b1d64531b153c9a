using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using Carmen.Grains.Interfaces.Connectivity;

namespace Carmen.Grains.Interfaces.Telemetry;

/// <summary>
/// The wire form of a <see cref="TelemetryBatch"/>. Orleans' own codec tracks every string and object of a batch for
/// reference identity (a dictionary entry per key, value and device), which made the fan-out's stream the largest
/// allocator on the ingest path. Here a batch is one buffer: keys and cluster ids are written once per batch and then
/// referred to by number, timestamps as the difference to the point before, numbers as 8 bytes.
/// <code>
/// version:1 tenant:string devices:varint
///   per device: id:string cluster:ref points:varint
///     per point: Δtimestamp:zigzag key:ref flags:byte [number:float64] [text:string]
/// ref: varint n; n == the table's size means a new string follows and joins the table
/// string: varint byte length, UTF-8
/// </code>
/// </summary>
[RegisterConverter]
public sealed class TelemetryBatchConverter : IConverter<TelemetryBatch, TelemetryBatchSurrogate>
{
    private const byte Version = 1;
    private const byte KindMask = 0x0F;
    private const byte HasNumber = 0x10;
    private const byte HasText = 0x20;

    /// <summary>Scratch buffers above this size are not kept for the thread's next batch.</summary>
    private const int KeptScratchBytes = 1 << 20;

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? s_scratch;

    [ThreadStatic]
    private static Dictionary<string, int>? s_table;

    /// <inheritdoc/>
    public TelemetryBatchSurrogate ConvertToSurrogate(in TelemetryBatch value) => new(Encode(value));

    /// <inheritdoc/>
    public TelemetryBatch ConvertFromSurrogate(in TelemetryBatchSurrogate surrogate) => Decode(surrogate.Encoded);

    /// <summary>The batch as one byte string.</summary>
    public static byte[] Encode(TelemetryBatch batch)
    {
        ArrayBufferWriter<byte> output = s_scratch ??= new ArrayBufferWriter<byte>(4096);
        Dictionary<string, int> table = s_table ??= new Dictionary<string, int>(StringComparer.Ordinal);
        try
        {
            output.GetSpan(1)[0] = Version;
            output.Advance(1);
            WriteString(output, batch.TenantId);
            WriteVarInt(output, (ulong)batch.Devices.Count);
            long previous = 0;
            foreach (DeviceTelemetryItem device in batch.Devices)
            {
                WriteString(output, device.DeviceId);
                WriteReference(output, table, device.ClusterId);
                WriteVarInt(output, (ulong)device.Points.Length);
                foreach (TelemetryPoint point in device.Points)
                {
                    long delta = point.Timestamp - previous;
                    previous = point.Timestamp;
                    WriteVarInt(output, (ulong)((delta << 1) ^ (delta >> 63)));
                    WriteReference(output, table, point.Key);
                    WriteValue(output, point.Value);
                }
            }

            return output.WrittenSpan.ToArray();
        }
        finally
        {
            table.Clear();
            if (output.Capacity > KeptScratchBytes)
            {
                s_scratch = null;
            }
            else
            {
                output.ResetWrittenCount();
            }
        }
    }

    /// <summary>The batch back from its byte string; <see cref="InvalidDataException"/> when it is not one.</summary>
    public static TelemetryBatch Decode(ReadOnlySpan<byte> encoded)
    {
        var input = new TelemetryWireReader(encoded);
        if (input.ReadByte() != Version)
        {
            throw new InvalidDataException($"A telemetry batch of an unknown version ({encoded[0]}).");
        }

        string tenantId = input.ReadString();
        int deviceCount = input.ReadCount();
        var table = new List<string>();
        var devices = new DeviceTelemetryItem[deviceCount];
        long timestamp = 0;
        for (int d = 0; d < deviceCount; d++)
        {
            string deviceId = input.ReadString();
            string clusterId = input.ReadReference(table);
            var points = new TelemetryPoint[input.ReadCount()];
            for (int p = 0; p < points.Length; p++)
            {
                ulong zigzag = input.ReadVarInt();
                timestamp += (long)(zigzag >> 1) ^ -(long)(zigzag & 1);
                string key = input.ReadReference(table);
                byte flags = input.ReadByte();
                double number = (flags & HasNumber) != 0 ? input.ReadDouble() : 0;
                string? text = (flags & HasText) != 0 ? input.ReadString() : null;
                points[p] = new TelemetryPoint(timestamp, key, new TelemetryValue((TelemetryValueKind)(flags & KindMask), number, text));
            }

            devices[d] = new DeviceTelemetryItem(deviceId, clusterId, points);
        }

        return new TelemetryBatch(tenantId, devices);
    }

    private static void WriteValue(ArrayBufferWriter<byte> output, TelemetryValue value)
    {
        byte flags = (byte)((byte)value.Kind & KindMask);
        flags |= value.Number != 0 ? HasNumber : (byte)0;
        flags |= value.Text is not null ? HasText : (byte)0;
        output.GetSpan(1)[0] = flags;
        output.Advance(1);
        if ((flags & HasNumber) != 0)
        {
            BinaryPrimitives.WriteDoubleLittleEndian(output.GetSpan(sizeof(double)), value.Number);
            output.Advance(sizeof(double));
        }

        if (value.Text is not null)
        {
            WriteString(output, value.Text);
        }
    }

    private static void WriteReference(ArrayBufferWriter<byte> output, Dictionary<string, int> table, string value)
    {
        if (table.TryGetValue(value, out int known))
        {
            WriteVarInt(output, (ulong)known);
            return;
        }

        WriteVarInt(output, (ulong)table.Count);
        table.Add(value, table.Count);
        WriteString(output, value);
    }

    private static void WriteString(ArrayBufferWriter<byte> output, string value)
    {
        int length = Encoding.UTF8.GetByteCount(value);
        WriteVarInt(output, (ulong)length);
        Encoding.UTF8.GetBytes(value, output.GetSpan(length));
        output.Advance(length);
    }

    private static void WriteVarInt(ArrayBufferWriter<byte> output, ulong value)
    {
        Span<byte> span = output.GetSpan(10);
        int written = 0;
        while (value >= 0x80)
        {
            span[written++] = (byte)(value | 0x80);
            value >>= 7;
        }

        span[written++] = (byte)value;
        output.Advance(written);
    }
}
