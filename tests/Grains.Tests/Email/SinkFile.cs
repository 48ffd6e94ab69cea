using System.Text;
using RoleFerry.Testing;

namespace RoleFerry.Grains.Tests.Email;

/// <summary>
/// The bytes the test SMTP server received for one recipient: the <c>.eml</c> file it wrote, without its own
/// envelope lines (<c>X-RcptTo</c>, <c>X-MailFrom</c>, <c>X-AuthUser</c>, <c>X-Connection</c>), i.e. the DATA
/// exactly as the client sent it (after dot-unstuffing), as a mailbox provider would store it.
/// </summary>
public static class SinkFile
{
    private static readonly string[] EnvelopeHeaders = ["X-RcptTo:", "X-MailFrom:", "X-AuthUser:", "X-Connection:"];

    /// <summary>Waits for the one message to <paramref name="recipient"/> and returns its DATA bytes.</summary>
    public static async Task<byte[]> ReceivedDataAsync(string recipient)
    {
        await SmtpSink.WaitForAsync(recipient, 1);
        var file = Assert.Single(Directory.GetFiles(SmtpSink.Folder, "*.eml"), path => SinkMessage.Load(path).Recipients.Contains(recipient, StringComparer.OrdinalIgnoreCase));
        var bytes = await File.ReadAllBytesAsync(file);
        var start = 0;
        while (EnvelopeHeaders.Any(h => StartsWith(bytes, start, h)))
        {
            start = IndexOfCrLf(bytes, start) + 2;
        }

        return bytes[start..];
    }

    private static bool StartsWith(byte[] bytes, int offset, string text) =>
        bytes.AsSpan(offset).StartsWith(Encoding.ASCII.GetBytes(text));

    private static int IndexOfCrLf(byte[] bytes, int offset)
    {
        var index = bytes.AsSpan(offset).IndexOf("\r\n"u8);
        Assert.True(index >= 0, "an envelope line without CRLF");
        return offset + index;
    }
}
