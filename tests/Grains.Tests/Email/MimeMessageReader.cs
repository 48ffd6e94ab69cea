using System.Text;
using System.Text.RegularExpressions;

namespace RoleFerry.Grains.Tests.Email;

/// <summary>
/// Just enough MIME for the tests: the decoded text parts of a multipart message as received by the sink
/// (quoted-printable or base64), and RFC 2047 encoded words in headers.
/// </summary>
public static partial class MimeMessageReader
{
    /// <summary>Content type (e.g. text/plain) → decoded content, for every leaf part of <paramref name="raw"/>.</summary>
    public static IReadOnlyDictionary<string, string> TextParts(string raw)
    {
        var parts = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        Collect(raw, parts);
        return parts;
    }

    /// <summary>Decodes <c>=?utf-8?B?...?=</c> and <c>=?utf-8?Q?...?=</c> words (the whitespace between two words goes).</summary>
    public static string DecodeHeader(string value) =>
        EncodedWord().Replace(Regex.Replace(value, @"\?=\s+=\?", "?==?"), m =>
        {
            var charset = Encoding.GetEncoding(m.Groups["charset"].Value);
            var text = m.Groups["text"].Value;
            return m.Groups["encoding"].Value.ToUpperInvariant() == "B"
                ? charset.GetString(Convert.FromBase64String(text))
                : charset.GetString(DecodeQuotedPrintable(text.Replace('_', ' ')));
        });

    public static byte[] DecodeQuotedPrintable(string text)
    {
        var bytes = new List<byte>();
        var unfolded = text.Replace("=\r\n", "", StringComparison.Ordinal);
        for (var i = 0; i < unfolded.Length; i++)
        {
            if (unfolded[i] == '=' && i + 2 < unfolded.Length && Uri.IsHexDigit(unfolded[i + 1]) && Uri.IsHexDigit(unfolded[i + 2]))
            {
                bytes.Add(Convert.ToByte(unfolded.Substring(i + 1, 2), 16));
                i += 2;
            }
            else
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(unfolded[i].ToString()));
            }
        }

        return [.. bytes];
    }

    private static void Collect(string entity, Dictionary<string, string> parts)
    {
        var split = entity.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        var headers = Headers(entity[..split]);
        var body = entity[(split + 4)..];
        var contentType = headers.GetValueOrDefault("Content-Type", "text/plain");
        var boundary = Boundary().Match(contentType);
        if (boundary.Success)
        {
            var delimiter = "--" + boundary.Groups["boundary"].Value;
            var sections = body.Split(delimiter);
            foreach (var section in sections.Skip(1))
            {
                if (section.StartsWith("--", StringComparison.Ordinal))
                {
                    break;
                }

                // The CRLF ending the delimiter line and the one before the next delimiter belong to the delimiters.
                var part = section.StartsWith("\r\n", StringComparison.Ordinal) ? section[2..] : section;
                Collect(part.EndsWith("\r\n", StringComparison.Ordinal) ? part[..^2] : part, parts);
            }

            return;
        }

        var mediaType = contentType.Split(';')[0].Trim();
        var encoding = headers.GetValueOrDefault("Content-Transfer-Encoding", "7bit").Trim().ToLowerInvariant();
        var content = encoding switch
        {
            "quoted-printable" => Encoding.UTF8.GetString(DecodeQuotedPrintable(body)),
            "base64" => Encoding.UTF8.GetString(Convert.FromBase64String(Regex.Replace(body, @"\s", ""))),
            _ => body,
        };
        parts[mediaType] = content;
    }

    private static Dictionary<string, string> Headers(string block)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        string? last = null;
        foreach (var line in block.Split("\r\n"))
        {
            if (line.Length > 0 && char.IsWhiteSpace(line[0]) && last is not null)
            {
                headers[last] += " " + line.Trim();
            }
            else if (line.IndexOf(':') is > 0 and var colon)
            {
                last = line[..colon];
                headers[last] = line[(colon + 1)..].Trim();
            }
        }

        return headers;
    }

    [GeneratedRegex(@"boundary=(?:""(?<boundary>[^""]+)""|(?<boundary>[^;\s]+))", RegexOptions.IgnoreCase)]
    private static partial Regex Boundary();

    [GeneratedRegex(@"=\?(?<charset>[^?]+)\?(?<encoding>[BbQq])\?(?<text>[^?]*)\?=")]
    private static partial Regex EncodedWord();
}
