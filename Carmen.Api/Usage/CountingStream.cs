namespace Carmen.Api.Usage;

/// <summary>Passes a response through, counting its bytes; keeps the start of it while <paramref name="keep"/> says so (a failure's problem details).</summary>
public sealed class CountingStream(Stream inner, Func<bool> keep) : Stream
{
    private const int KeptBytes = 2048;

    private readonly MemoryStream _kept = new();

    public Stream Inner => inner;

    public long Written { get; private set; }

    /// <summary>The first bytes written while <c>keep</c> held, up to 2 KiB.</summary>
    public ReadOnlySpan<byte> Kept => _kept.GetBuffer().AsSpan(0, (int)_kept.Length);

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override void Flush() => inner.Flush();

    public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count)
    {
        Keep(buffer.AsSpan(offset, count));
        inner.Write(buffer, offset, count);
    }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Keep(buffer.Span);
        await inner.WriteAsync(buffer, cancellationToken);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    protected override void Dispose(bool disposing)
    {
        _kept.Dispose();
        base.Dispose(disposing);
    }

    private void Keep(ReadOnlySpan<byte> written)
    {
        Written += written.Length;
        if (_kept.Length < KeptBytes && keep())
        {
            _kept.Write(written[..(int)Math.Min(written.Length, KeptBytes - _kept.Length)]);
        }
    }
}
