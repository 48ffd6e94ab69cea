using RoleFerry.Grains.Mailboxes;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using RoleFerry.Grains.Email;
using RoleFerry.Grains.Interfaces.Mailboxes;
using RoleFerry.Data.Tracking;
using RoleFerry.Testing;

namespace RoleFerry.Grains.Tests.Email;

/// <summary>
/// The bytes the real SMTP server received, read the way a mailbox provider reads them (RFC 5322 unfolding, no
/// MIME library): the headers RoleFerry depends on must arrive exactly as composed.
/// </summary>
public sealed partial class SmtpMessageOnTheWireTests : IAsyncLifetime
{
    private readonly EmailOptions _options = new() { PublicBaseUrl = "https://roleferry.test", SendTimeout = TimeSpan.FromSeconds(10) };
    private readonly SmtpMailTransport _transport;
    private readonly EmailComposer _composer;

    public SmtpMessageOnTheWireTests()
    {
        _transport = new SmtpMailTransport(Options.Create(_options), TestSecrets.Protector, NullLogger<SmtpMailTransport>.Instance);
        _composer = new EmailComposer(Options.Create(_options), new TrackingTokenCodec(RandomNumberGenerator.GetBytes(32)));
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _transport.DisposeAsync();

    [Fact]
    public async Task The_headers_arrive_as_a_mailbox_provider_reads_them()
    {
        var to = $"ok-{Guid.NewGuid():N}@example.test";
        var email = _composer.Compose(new ComposeRequest(
            4242, "mbx1@mail.roleferry.test", to, "jamie@seeker.test", "Jamie Séeker", "Quick advice on Data Engineer? Café ☕",
            "Hi Alex,\n\nThanks", "<p>Hi Alex,</p>", ToName: "Alex Helper"));
        var mailbox = new SmtpSettings("mbx1@mail.roleferry.test", SmtpSink.Host, SmtpSink.Port, "mbx1-login", TestSecrets.Seal("pw"), UseTls: false);

        var sentAt = DateTimeOffset.UtcNow;
        Assert.Equal(SendOutcomeKind.Sent, (await _transport.SendAsync(mailbox, email, CancellationToken.None)).Kind);
        var data = await SinkFile.ReceivedDataAsync(to);

        // 7-bit, CRLF lines, none longer than RFC 5322's 998 characters.
        Assert.All(data, b => Assert.True(b < 0x80, $"a non-ASCII byte 0x{b:x2} on the wire"));
        var text = Encoding.ASCII.GetString(data);
        Assert.DoesNotMatch("(?<!\r)\n", text);
        var headerBlock = text[..text.IndexOf("\r\n\r\n", StringComparison.Ordinal)];
        var lines = headerBlock.Split("\r\n");
        Assert.All(lines, line => Assert.True(line.Length <= 998, $"a header line of {line.Length} characters"));
        var headers = Unfold(lines);

        var unsubscribe = Single(headers, "List-Unsubscribe");
        Assert.Equal(email.Headers["List-Unsubscribe"], unsubscribe);
        Assert.DoesNotContain("=?", unsubscribe, StringComparison.Ordinal);
        Assert.Matches("^<https://roleferry\\.test/u/(?<t>[A-Za-z0-9_-]+)>, <mailto:unsubscribe@roleferry\\.local\\?subject=unsubscribe-\\k<t>>$", unsubscribe);
        Assert.All(PhysicalLines(lines, "List-Unsubscribe"), line => Assert.Matches("^(?:List-Unsubscribe:)? <[^<>]+>,?$", line));
        Assert.Equal("List-Unsubscribe=One-Click", Single(headers, "List-Unsubscribe-Post"));

        Assert.Equal($"<{email.MessageId}>", Single(headers, "Message-ID"));
        Assert.Contains(lines, line => line.StartsWith("Message-ID: <", StringComparison.Ordinal));
        var date = ParseRfc5322Date(Single(headers, "Date"));
        Assert.InRange(date, sentAt.AddMinutes(-1), DateTimeOffset.UtcNow.AddMinutes(1));

        Assert.Equal("1.0", Single(headers, "MIME-Version"));
        Assert.Equal("Jamie Séeker <mbx1@mail.roleferry.test>", MimeMessageReader.DecodeHeader(Single(headers, "From")));
        Assert.Equal($"Alex Helper <{to}>", Single(headers, "To"));
        Assert.Equal("Jamie Séeker <jamie@seeker.test>", MimeMessageReader.DecodeHeader(Single(headers, "Reply-To")));
        Assert.Equal("Quick advice on Data Engineer? Café ☕", MimeMessageReader.DecodeHeader(Single(headers, "Subject")));
        Assert.Matches("^multipart/alternative; boundary=", Single(headers, "Content-Type"));

        var parts = MimeMessageReader.TextParts(text);
        Assert.Equal(["text/plain", "text/html"], parts.Keys);
        Assert.Equal(email.TextBody.ReplaceLineEndings("\r\n"), parts["text/plain"]);
        Assert.Equal(email.HtmlBody.ReplaceLineEndings("\r\n"), parts["text/html"]);
        Assert.Equal(2, Regex.Matches(text, "\r\nContent-Transfer-Encoding: quoted-printable\r\n").Count);
        Assert.Contains("\r\nContent-Type: text/plain; charset=utf-8\r\n", text, StringComparison.Ordinal);
        Assert.Contains("\r\nContent-Type: text/html; charset=utf-8\r\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_extra_header_that_cannot_go_out_as_written_fails_the_build_not_the_wire()
    {
        var email = _composer.Compose(new ComposeRequest(1, "mbx1@mail.roleferry.test", "ok-x@example.test", "jamie@seeker.test", "Jamie", "Hi", "Hello", "<p>Hello</p>"));
        var headers = new Dictionary<string, string>(email.Headers) { ["List-Unsubscribe"] = "<https://roleferry.test/u/é>" };
        var mailbox = new SmtpSettings("mbx1@mail.roleferry.test", SmtpSink.Host, SmtpSink.Port, "", SealedSecret.None, UseTls: false);

        var outcome = await _transport.SendAsync(mailbox, email with { Headers = headers }, CancellationToken.None);

        Assert.Equal(SendOutcomeKind.PermanentFailure, outcome.Kind);
        Assert.StartsWith("the message cannot be built: ", outcome.Message);
    }

    /// <summary>Header name → unfolded values (RFC 5322 2.2.3: a CRLF followed by WSP is removed, the WSP kept).</summary>
    private static List<KeyValuePair<string, string>> Unfold(IEnumerable<string> lines)
    {
        var fields = new List<KeyValuePair<string, string>>();
        foreach (var line in lines)
        {
            if (line.Length > 0 && line[0] is ' ' or '\t')
            {
                var last = fields[^1];
                fields[^1] = new(last.Key, last.Value + line);
                continue;
            }

            var colon = line.IndexOf(':');
            Assert.True(colon > 0, $"not a header line: {line}");
            fields.Add(new(line[..colon], line[(colon + 1)..]));
        }

        return fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value.Trim(' ', '\t'))).ToList();
    }

    private static string Single(List<KeyValuePair<string, string>> headers, string name) =>
        Assert.Single(headers, h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value;

    /// <summary>The physical lines of header <paramref name="name"/> (its first line and continuation lines).</summary>
    private static IEnumerable<string> PhysicalLines(string[] lines, string name)
    {
        var start = Array.FindIndex(lines, l => l.StartsWith(name + ":", StringComparison.OrdinalIgnoreCase));
        yield return lines[start];
        for (var i = start + 1; i < lines.Length && lines[i].Length > 0 && lines[i][0] is ' ' or '\t'; i++)
        {
            yield return lines[i];
        }
    }

    /// <summary>An RFC 5322 date-time (3.3), e.g. <c>Mon, 30 Nov 2026 20:02:45 +0000</c>; the day name must match.</summary>
    private static DateTimeOffset ParseRfc5322Date(string value)
    {
        var match = Rfc5322Date().Match(value);
        Assert.True(match.Success, $"Date '{value}' is not an RFC 5322 date-time");
        var month = Array.IndexOf(CultureInfo.InvariantCulture.DateTimeFormat.AbbreviatedMonthNames, match.Groups["month"].Value) + 1;
        var zone = match.Groups["zone"].Value;
        var offset = new TimeSpan(int.Parse(zone[1..3], CultureInfo.InvariantCulture), int.Parse(zone[3..], CultureInfo.InvariantCulture), 0) * (zone[0] == '-' ? -1 : 1);
        var date = new DateTimeOffset(
            Int(match, "year"), month, Int(match, "day"), Int(match, "hour"), Int(match, "minute"), Int(match, "second"), offset);
        if (match.Groups["weekday"].Success)
        {
            Assert.Equal(date.DayOfWeek.ToString()[..3], match.Groups["weekday"].Value);
        }

        return date;
    }

    private static int Int(Match match, string group) => int.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^(?:(?<weekday>Mon|Tue|Wed|Thu|Fri|Sat|Sun), )?(?<day>\d{1,2}) (?<month>Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) (?<year>\d{4}) (?<hour>\d{2}):(?<minute>\d{2}):(?<second>\d{2}) (?<zone>[+-]\d{4})$")]
    private static partial Regex Rfc5322Date();
}
