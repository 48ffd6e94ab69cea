namespace RoleFerry.Grains.Email;

/// <summary>A read-only in-memory stream that tells its <see cref="ContentSentProbe"/> when it is first read.</summary>
internal sealed class ProbedContentStream(byte[] content, ContentSentProbe probe) : Stream
{
    private readonly MemoryStream _inner = new(content, writable: false);

    public override bool CanRead => true;

    public override bool CanSeek => true;

    public override bool CanWrite => false;

    public override long Length => _inner.Length;

    public override long Position
    {
        get => _inner.Position;
        set => _inner.Position = value;
    }

    public override int Read(byte[] buffer, int offset, int count)
    {
        probe.MarkStarted();
        return _inner.Read(buffer, offset, count);
    }

    public override int Read(Span<byte> buffer)
    {
        probe.MarkStarted();
        return _inner.Read(buffer);
    }

    public override int ReadByte()
    {
        probe.MarkStarted();
        return _inner.ReadByte();
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        probe.MarkStarted();
        return _inner.ReadAsync(buffer, offset, count, cancellationToken);
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        probe.MarkStarted();
        return _inner.ReadAsync(buffer, cancellationToken);
    }

    public override void CopyTo(Stream destination, int bufferSize)
    {
        probe.MarkStarted();
        _inner.CopyTo(destination, bufferSize);
    }

    public override Task CopyToAsync(Stream destination, int bufferSize, CancellationToken cancellationToken)
    {
        probe.MarkStarted();
        return _inner.CopyToAsync(destination, bufferSize, cancellationToken);
    }

    public override long Seek(long offset, SeekOrigin origin) => _inner.Seek(offset, origin);

    public override void Flush()
    {
    }

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
