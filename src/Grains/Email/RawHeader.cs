using System.Text;
using MimeKit;

namespace RoleFerry.Grains.Email;

/// <summary>
/// A header whose value goes out exactly as written: MimeKit neither RFC 2047-encodes nor refolds it. For
/// values a mailbox provider parses as they are (Message-ID, List-Unsubscribe, List-Unsubscribe-Post). Only
/// printable ASCII is allowed; a line longer than 78 characters is folded before a space that is outside
/// angle brackets (so a URI is never split), and no line may exceed RFC 5322's 998 characters.
/// </summary>
internal static class RawHeader
{
    private const int FoldAt = 78;
    private const int MaxLineLength = 998;

    /// <exception cref="FormatException">The value holds a character that cannot go out as is, or cannot be folded short enough.</exception>
    public static Header Create(string field, string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(field);
        ArgumentNullException.ThrowIfNull(value);
        if (value.Length == 0 || value.Any(c => c is < ' ' or > '~'))
        {
            throw new FormatException($"The {field} header must be non-empty printable ASCII on one line.");
        }

        var header = new Header(field, value);
        header.SetRawValue(Encoding.ASCII.GetBytes(Fold(field, value)));
        return header;
    }

    /// <summary>The raw value: a leading space, the value folded as described above, and a CRLF.</summary>
    public static string Fold(string field, string value)
    {
        var raw = new StringBuilder(value.Length + 8);
        var lineLength = field.Length + 1;
        foreach (var word in Words(value))
        {
            if (lineLength + 1 + word.Length > FoldAt && raw.Length > 0)
            {
                raw.Append("\r\n");
                lineLength = 0;
            }

            raw.Append(' ').Append(word);
            lineLength += 1 + word.Length;
            if (lineLength > MaxLineLength)
            {
                throw new FormatException($"The {field} header has a part longer than {MaxLineLength} characters.");
            }
        }

        return raw.Append("\r\n").ToString();
    }

    /// <summary>The value split at runs of spaces that are outside angle brackets.</summary>
    private static IEnumerable<string> Words(string value)
    {
        var depth = 0;
        var start = 0;
        for (var i = 0; i < value.Length; i++)
        {
            switch (value[i])
            {
                case '<':
                    depth++;
                    break;
                case '>' when depth > 0:
                    depth--;
                    break;
                case ' ' when depth == 0:
                    if (i > start)
                    {
                        yield return value[start..i];
                    }

                    start = i + 1;
                    break;
            }
        }

        if (value.Length > start)
        {
            yield return value[start..];
        }
    }
}
