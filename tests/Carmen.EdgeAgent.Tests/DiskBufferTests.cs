using System.Text;
using Carmen.EdgeAgent.Buffering;

namespace Carmen.EdgeAgent.Tests;

/// <summary>The on-disk telemetry buffer: order, commit, restarts, a crash mid-append, and the size bound.</summary>
public sealed class DiskBufferTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "carmen-agent-buffer", Guid.NewGuid().ToString("N"));

    [Fact]
    public void RecordsComeBackInOrderAndLeaveOnlyWhenCommitted()
    {
        using var buffer = new DiskBuffer(_directory, 1024 * 1024);
        buffer.Append([Record(1), Record(2)]);
        buffer.Append([Record(3)]);

        BufferedBatch first = buffer.Peek(2, 1024);
        BufferedBatch again = buffer.Peek(10, 1024);
        buffer.Commit(first.End);
        BufferedBatch rest = buffer.Peek(10, 1024);
        buffer.Commit(rest.End);

        Texts(first).Should().Equal("r1", "r2");
        Texts(again).Should().Equal("r1", "r2", "r3");
        Texts(rest).Should().Equal("r3");
        buffer.IsEmpty.Should().BeTrue();
    }

    [Fact]
    public void WhatWasNotCommittedSurvivesARestart()
    {
        using (var buffer = new DiskBuffer(_directory, 1024 * 1024))
        {
            buffer.Append([Record(1), Record(2), Record(3)]);
            buffer.Commit(buffer.Peek(1, 1024).End);
        }

        using var reopened = new DiskBuffer(_directory, 1024 * 1024);

        Texts(reopened.Peek(10, 1024)).Should().Equal("r2", "r3");
    }

    [Fact]
    public void ACrashMidAppendLosesOnlyTheTornRecord()
    {
        using (var buffer = new DiskBuffer(_directory, 1024 * 1024))
        {
            buffer.Append([Record(1), Record(2)]);
        }

        string segment = Directory.EnumerateFiles(_directory, "*.seg").Single();
        using (var torn = new FileStream(segment, FileMode.Append))
        {
            torn.Write([40, 0, 0, 0, 1, 2, 3, 4, (byte)'r']); // a header promising 40 bytes, then the power went out
        }

        using var reopened = new DiskBuffer(_directory, 1024 * 1024);
        reopened.Append([Record(3)]);

        Texts(reopened.Peek(10, 1024)).Should().Equal("r1", "r2", "r3");
    }

    [Fact]
    public void BeyondTheLimitTheOldestRecordsAreDroppedAndCounted()
    {
        using var buffer = new DiskBuffer(_directory, 64 * 1024 * 8); // segments of 64 KiB
        byte[] large = new byte[1000];
        for (int i = 0; i < 1000; i++)
        {
            large[0] = (byte)(i % 256);
            buffer.Append([[.. large]]); // about 1 MB in all, twice the limit
        }

        BufferedBatch kept = buffer.Peek(1000, int.MaxValue);

        buffer.SizeBytes.Should().BeLessThanOrEqualTo(64 * 1024 * 8);
        buffer.Dropped.Should().BeGreaterThan(400).And.Be(1000 - kept.Records.Count, "every record is either kept or counted as dropped");
        kept.Records[^1][0].Should().Be((byte)(999 % 256), "the newest are kept");
        kept.Records.Zip(kept.Records.Skip(1)).Should().OnlyContain(pair => (byte)(pair.First[0] + 1) == pair.Second[0], "the kept ones are a contiguous run");
    }

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private static byte[] Record(int i) => Encoding.UTF8.GetBytes($"r{i}");

    private static IEnumerable<string> Texts(BufferedBatch batch) => batch.Records.Select(record => Encoding.UTF8.GetString(record));
}
