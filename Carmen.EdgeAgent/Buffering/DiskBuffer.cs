using System.Buffers.Binary;
using System.Globalization;
using System.IO.Hashing;
using Carmen.EdgeAgent.State;

namespace Carmen.EdgeAgent.Buffering;

/// <summary>
/// A bounded first-in first-out queue of records on disk, for telemetry that has not reached Carmen yet.
/// <para>
/// Records are appended to numbered segment files as [length][CRC-32][bytes] and flushed to the disk before
/// <see cref="Append"/> returns. A cursor file, replaced atomically, says how far Carmen has taken them. A crash
/// mid-append leaves a torn record at the tail: opening the queue cuts the segment back to its last whole record, so
/// nothing before it is lost or read twice.
/// </para>
/// <para>
/// Beyond the size limit the oldest segment is dropped whole (an eighth of the limit). The drop is counted in
/// <see cref="Dropped"/>, which survives restarts, so the loss is reported rather than silent.
/// </para>
/// </summary>
public sealed class DiskBuffer : IDisposable
{
    private const int HeaderSize = 8;
    private const string CursorFile = "cursor";
    private const string SegmentExtension = ".seg";

    private readonly Lock _lock = new();
    private readonly string _directory;
    private readonly long _limitBytes;
    private readonly long _segmentBytes;
    private readonly SortedDictionary<long, long> _segments = []; // segment number → its size in bytes
    private FileStream? _writer;
    private BufferPosition _cursor;
    private long _dropped;

    public DiskBuffer(string directory, long limitBytes)
    {
        (_directory, _limitBytes) = (directory, limitBytes);
        _segmentBytes = Math.Max(64 * 1024, limitBytes / 8);
        Directory.CreateDirectory(directory);
        foreach (string file in Directory.EnumerateFiles(directory, "*" + SegmentExtension))
        {
            if (long.TryParse(Path.GetFileNameWithoutExtension(file), NumberStyles.None, CultureInfo.InvariantCulture, out long segment))
            {
                _segments[segment] = new FileInfo(file).Length;
            }
        }

        ReadCursor();
        if (_segments.Count > 0)
        {
            RepairTail(_segments.Keys.Last());
        }
    }

    /// <summary>Records dropped to stay within the size limit, over the queue's whole life.</summary>
    public long Dropped
    {
        get
        {
            lock (_lock)
            {
                return _dropped;
            }
        }
    }

    /// <summary>Bytes on disk, records already taken but not yet cleaned up included.</summary>
    public long SizeBytes
    {
        get
        {
            lock (_lock)
            {
                return _segments.Values.Sum();
            }
        }
    }

    /// <summary>Whether records wait to be taken.</summary>
    public bool IsEmpty
    {
        get
        {
            lock (_lock)
            {
                return _segments.Count == 0 || (_cursor.Segment == _segments.Keys.Last() && _cursor.Offset >= _segments[_cursor.Segment]);
            }
        }
    }

    /// <summary>Appends the records in order and flushes them to the disk; drops the oldest segment when over the limit.</summary>
    public void Append(IReadOnlyList<byte[]> records)
    {
        if (records.Count == 0)
        {
            return;
        }

        lock (_lock)
        {
            long incoming = records.Sum(record => (long)record.Length + HeaderSize);
            FileStream writer = Writer(incoming);
            while (_segments.Values.Sum() + incoming > _limitBytes && _segments.Count > 1)
            {
                DropOldest();
            }

            Span<byte> header = stackalloc byte[HeaderSize];
            foreach (byte[] record in records)
            {
                BinaryPrimitives.WriteInt32LittleEndian(header, record.Length);
                BinaryPrimitives.WriteUInt32LittleEndian(header[4..], Crc32.HashToUInt32(record));
                writer.Write(header);
                writer.Write(record);
            }

            writer.Flush(flushToDisk: true);
            _segments[_segments.Keys.Last()] = writer.Length;
        }
    }

    /// <summary>Up to <paramref name="maxRecords"/> records (and about <paramref name="maxBytes"/>) from the cursor on, without taking them.</summary>
    public BufferedBatch Peek(int maxRecords, int maxBytes)
    {
        lock (_lock)
        {
            var records = new List<byte[]>();
            long bytes = 0;
            BufferPosition position = _cursor;
            foreach ((long segment, long size) in _segments.Where(entry => entry.Key >= _cursor.Segment).ToList())
            {
                long offset = segment == _cursor.Segment ? _cursor.Offset : 0;
                bool full = false;
                using (var reader = new FileStream(SegmentPath(segment), FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
                {
                    reader.Position = offset;
                    while (offset < size)
                    {
                        if (records.Count >= maxRecords)
                        {
                            full = true;
                            break;
                        }

                        byte[]? record = ReadRecord(reader, size);
                        if (record is null)
                        {
                            offset = size; // damaged on disk: the rest of this segment cannot be read back
                            break;
                        }

                        if (records.Count > 0 && bytes + record.Length > maxBytes)
                        {
                            full = true;
                            break;
                        }

                        records.Add(record);
                        bytes += record.Length;
                        offset = reader.Position;
                    }
                }

                position = new BufferPosition(segment, offset);
                if (full)
                {
                    break;
                }
            }

            return new BufferedBatch(records, position);
        }
    }

    /// <summary>Marks everything before the position as taken; segments wholly taken are deleted. False when that moved nothing.</summary>
    public bool Commit(BufferPosition end)
    {
        lock (_lock)
        {
            if (end.Segment < _cursor.Segment || (end.Segment == _cursor.Segment && end.Offset <= _cursor.Offset))
            {
                return false; // nothing new, or the segment was dropped meanwhile
            }

            _cursor = end;
            long active = _segments.Keys.Last();
            foreach (long segment in _segments.Keys.Where(segment => segment < end.Segment
                || (segment == end.Segment && segment != active && end.Offset >= _segments[segment])).ToList())
            {
                _segments.Remove(segment);
                File.Delete(SegmentPath(segment));
            }

            WriteCursor();
            return true;
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            _writer?.Dispose();
            _writer = null;
        }
    }

    private FileStream Writer(long incoming)
    {
        if (_writer is not null && _writer.Length + incoming > _segmentBytes && _writer.Length > 0)
        {
            _writer.Dispose();
            _writer = null;
            _segments[_segments.Keys.Last() + 1] = 0;
        }

        if (_segments.Count == 0)
        {
            _cursor = new BufferPosition(_cursor.Segment + 1, 0);
            _segments[_cursor.Segment] = 0;
        }

        if (_writer is null)
        {
            long active = _segments.Keys.Last();
            _writer = new FileStream(SegmentPath(active), FileMode.Append, FileAccess.Write, FileShare.Read | FileShare.Delete);
        }

        return _writer;
    }

    private void DropOldest()
    {
        long oldest = _segments.Keys.First();
        using (var reader = new FileStream(SegmentPath(oldest), FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
        {
            reader.Position = oldest == _cursor.Segment ? _cursor.Offset : 0;
            while (oldest >= _cursor.Segment && ReadRecord(reader, reader.Length) is not null)
            {
                _dropped++;
            }
        }

        _segments.Remove(oldest);
        File.Delete(SegmentPath(oldest));
        if (_cursor.Segment <= oldest)
        {
            _cursor = new BufferPosition(_segments.Keys.First(), 0);
        }

        WriteCursor();
    }

    /// <summary>Cuts a torn record (a crash during an append) off the end of the newest segment.</summary>
    private void RepairTail(long segment)
    {
        string path = SegmentPath(segment);
        long whole;
        using (var reader = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite))
        {
            whole = 0;
            while (ReadRecord(reader, reader.Length) is not null)
            {
                whole = reader.Position;
            }
        }

        if (whole < _segments[segment])
        {
            using var truncate = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite);
            truncate.SetLength(whole);
            _segments[segment] = whole;
        }
    }

    /// <summary>The record at the reader's position, or null at the end or at a torn or damaged record.</summary>
    private static byte[]? ReadRecord(FileStream reader, long size)
    {
        Span<byte> header = stackalloc byte[HeaderSize];
        if (size - reader.Position < HeaderSize || reader.ReadAtLeast(header, HeaderSize, throwOnEndOfStream: false) < HeaderSize)
        {
            return null;
        }

        int length = BinaryPrimitives.ReadInt32LittleEndian(header);
        uint crc = BinaryPrimitives.ReadUInt32LittleEndian(header[4..]);
        if (length < 0 || length > size - reader.Position)
        {
            return null;
        }

        byte[] record = new byte[length];
        return reader.ReadAtLeast(record, length, throwOnEndOfStream: false) == length && Crc32.HashToUInt32(record) == crc ? record : null;
    }

    private void ReadCursor()
    {
        string path = Path.Combine(_directory, CursorFile);
        if (File.Exists(path) && File.ReadAllText(path).Split(' ') is [string segment, string offset, string dropped])
        {
            _cursor = new BufferPosition(long.Parse(segment, CultureInfo.InvariantCulture), long.Parse(offset, CultureInfo.InvariantCulture));
            _dropped = long.Parse(dropped, CultureInfo.InvariantCulture);
        }

        if (_segments.Count > 0 && _cursor.Segment < _segments.Keys.First())
        {
            _cursor = new BufferPosition(_segments.Keys.First(), 0);
        }
    }

    private void WriteCursor() => AtomicFile.Replace(Path.Combine(_directory, CursorFile),
        System.Text.Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{_cursor.Segment} {_cursor.Offset} {_dropped}")));

    private string SegmentPath(long segment) => Path.Combine(_directory, segment.ToString("D12", CultureInfo.InvariantCulture) + SegmentExtension);
}
