namespace RoleFerry.Api.Tests.Support;

/// <summary>A body whose length is unknown to HttpClient, so it is sent without Content-Length (chunked).</summary>
public sealed class NonSeekableStream(byte[] data) : MemoryStream(data)
{
    public override bool CanSeek => false;

    public override long Length => throw new NotSupportedException();
}
