using System.Net;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using RoleFerry.Data.Tracking;

namespace RoleFerry.Grains.Email;

/// <summary>
/// Turns a rendered step into the email that leaves (DESIGN §6): our own Message-ID, Reply-To = the user,
/// List-Unsubscribe (https + mailto) with one-click POST, every http(s) link of the HTML through the signed click
/// redirect, an open pixel, and an unsubscribe line in both parts (no pixel, or links as written, when the template
/// switched open or click tracking off). Pure apart from the random Message-ID.
/// </summary>
public sealed partial class EmailComposer(IOptions<EmailOptions> options, TrackingTokenCodec tokens)
{
    private readonly string _baseUrl = options.Value.BaseUrl;
    private readonly string _unsubscribeAddress = options.Value.UnsubscribeAddress;

    public OutgoingEmail Compose(ComposeRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var fromDomain = EmailAddress.Domain(request.FromAddress).ToLowerInvariant();
        var unsubscribeToken = tokens.Create(TrackingKind.Unsubscribe, request.OutreachId);
        var unsubscribeUrl = $"{_baseUrl}/u/{unsubscribeToken}";
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            [EmailHeaders.ListUnsubscribe] = $"<{unsubscribeUrl}>, <mailto:{_unsubscribeAddress}?subject=unsubscribe-{unsubscribeToken}>",
            [EmailHeaders.ListUnsubscribePost] = EmailHeaders.OneClick,
        };

        return new OutgoingEmail(
            request.FromAddress,
            NullIfBlank(request.UserName),
            request.ToAddress,
            NullIfBlank(request.ToName),
            request.UserEmail,
            NullIfBlank(request.UserName),
            OneLine(request.Subject),
            ComposeText(request.TextBody, unsubscribeUrl),
            ComposeHtml(request, unsubscribeUrl),
            NewMessageId(fromDomain),
            headers);
    }

    /// <summary>A fresh bare Message-ID: 128 random bits at the sending domain.</summary>
    public static string NewMessageId(string domain) =>
        $"{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16))}@{(domain.All(char.IsAscii) ? domain : "roleferry.invalid")}";

    private static string ComposeText(string text, string unsubscribeUrl) =>
        $"{text.ReplaceLineEndings("\n").TrimEnd()}\n\n--\nDon't want these emails? Unsubscribe: {unsubscribeUrl}\n";

    private string ComposeHtml(ComposeRequest request, string unsubscribeUrl)
    {
        var outreachId = request.OutreachId;
        var tracked = !request.TrackClicks ? request.HtmlBody : WebLink().Replace(request.HtmlBody, link =>
        {
            var url = WebUtility.HtmlDecode(link.Groups["url"].Value);
            return IsTrackable(url)
                ? $"{link.Groups["attribute"].Value}\"{_baseUrl}/t/c/{tokens.Create(TrackingKind.Click, outreachId, url)}\""
                : link.Value;
        });
        var footer =
            $"<p style=\"font-size:12px;color:#777777\">Don't want these emails? <a href=\"{WebUtility.HtmlEncode(unsubscribeUrl)}\">Unsubscribe</a>.</p>\n" +
            (request.TrackOpens ? $"<img src=\"{_baseUrl}/t/o/{tokens.Create(TrackingKind.Open, outreachId)}\" width=\"1\" height=\"1\" alt=\"\">\n" : "");
        var bodyEnd = tracked.LastIndexOf("</body>", StringComparison.OrdinalIgnoreCase);
        return bodyEnd >= 0
            ? tracked.Insert(bodyEnd, footer)
            : $"<!DOCTYPE html>\n<html><body>\n{tracked}\n{footer}</body></html>\n";
    }

    /// <summary>A link a click token can carry; anything else (malformed, very long) is left as written.</summary>
    private static bool IsTrackable(string url) =>
        System.Text.Encoding.UTF8.GetByteCount(url) <= TrackingTokenCodec.MaxUrlBytes && Uri.TryCreate(url, UriKind.Absolute, out _);

    private static string OneLine(string subject) => LineBreaks().Replace(subject, " ").Trim();

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    /// <summary>An href attribute (double- or single-quoted) holding an absolute http(s) URL.</summary>
    [GeneratedRegex(@"(?<attribute>\bhref\s*=\s*)(?:""(?<url>https?://[^""]*)""|'(?<url>https?://[^']*)')", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex WebLink();

    [GeneratedRegex(@"[\r\n\t]+")]
    private static partial Regex LineBreaks();
}
