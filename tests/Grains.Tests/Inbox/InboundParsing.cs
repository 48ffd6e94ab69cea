using System.Text;
using MimeKit;
using RoleFerry.Grains.Inbox;

namespace RoleFerry.Grains.Tests.Inbox;

/// <summary>A message through the reader's parser, as the reader's loop hands it to the grain.</summary>
public static class InboundParsing
{
    public static InboundEmail Parse(MimeMessage message)
    {
        using var bytes = new MemoryStream();
        message.WriteTo(bytes);
        return InboundEmailParser.Read(message, bytes.ToArray(), bytes.Length, oversized: false);
    }

    public static InboundEmail Parse(string raw)
    {
        var bytes = Encoding.Latin1.GetBytes(raw);
        using var message = MimeMessage.Load(new MemoryStream(bytes));
        return InboundEmailParser.Read(message, bytes, bytes.Length, oversized: false);
    }
}
