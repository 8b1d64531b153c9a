using System.Buffers.Binary;
using System.Text;

namespace Carmen.Grains.Interfaces.Telemetry;

/// <summary>Reads what <see cref="TelemetryBatchConverter"/> wrote; anything cut short or out of range is an <see cref="InvalidDataException"/>.</summary>
internal ref struct TelemetryWireReader(ReadOnlySpan<byte> input)
{
    private ReadOnlySpan<byte> _input = input;

    public byte ReadByte() => Take(1)[0];

    public ulong ReadVarInt()
    {
        ulong value = 0;
        for (int shift = 0; shift < 64; shift += 7)
        {
            byte next = ReadByte();
            value |= (ulong)(next & 0x7F) << shift;
            if (next < 0x80)
            {
                return value;
            }
        }

        throw new InvalidDataException("A telemetry batch holds a variable-length number longer than 64 bits.");
    }

    /// <summary>A count of items that follow, each at least a byte: no larger than what is left, so a bad count cannot allocate much.</summary>
    public int ReadCount()
    {
        ulong count = ReadVarInt();
        return count <= (ulong)_input.Length
            ? (int)count
            : throw new InvalidDataException($"A telemetry batch announces {count} items with {_input.Length} bytes left.");
    }

    public double ReadDouble() => BinaryPrimitives.ReadDoubleLittleEndian(Take(sizeof(double)));

    public string ReadString() => Encoding.UTF8.GetString(Take(ReadCount()));

    /// <summary>A string of the batch's table: by number, or new (the number is the table's size) and then added.</summary>
    public string ReadReference(List<string> table)
    {
        ulong index = ReadVarInt();
        if (index < (ulong)table.Count)
        {
            return table[(int)index];
        }

        if (index > (ulong)table.Count)
        {
            throw new InvalidDataException($"A telemetry batch refers to string {index} of {table.Count}.");
        }

        string value = ReadString();
        table.Add(value);
        return value;
    }

    private ReadOnlySpan<byte> Take(int length)
    {
        if (length > _input.Length)
        {
            throw new InvalidDataException("A telemetry batch ends early.");
        }

        ReadOnlySpan<byte> taken = _input[..length];
        _input = _input[length..];
        return taken;
    }
}
