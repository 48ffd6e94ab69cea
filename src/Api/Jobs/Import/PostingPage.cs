using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using SmartReader;

namespace RoleFerry.Api.Jobs.Import;

/// <summary>
/// A posting page (saved by the user or fetched by RoleFerry) as one import row: its JSON-LD <c>JobPosting</c> when
/// it has one; else its title (og:title, else the first h1, else &lt;title&gt;) and its main text as SmartReader
/// (a port of Mozilla's Readability) finds it, the company from og:site_name. The page's address is the url given,
/// else its canonical link, else og:url.
/// </summary>
public static class PostingPage
{
    public static JobDraft Read(string html, string? givenUrl)
    {
        var document = new HtmlParser().ParseDocument(html);
        var pageUrl = givenUrl
                      ?? Attribute(document, "link[rel='canonical']", "href")
                      ?? Attribute(document, "meta[property='og:url']", "content");
        pageUrl = JobUrls.IsHttp(pageUrl) ? pageUrl!.Trim() : null;
        if (JsonLdJobPosting.Find(document) is { } posting)
        {
            var draft = JsonLdJobPosting.Read(posting, pageUrl);
            return draft with { CompanyDomain = draft.CompanyDomain ?? CompanyDomains.FromUrl(pageUrl) };
        }

        var article = new Reader(pageUrl ?? "https://posting.invalid/", html).GetArticle();
        var title = Attribute(document, "meta[property='og:title']", "content")
                    ?? document.QuerySelector("h1")?.TextContent.Trim()
                    ?? (article.IsReadable ? article.Title : null)
                    ?? document.Title;
        var text = article.IsReadable ? article.TextContent : document.Body?.TextContent;
        return new JobDraft(
            "web",
            null,
            string.IsNullOrWhiteSpace(title) ? null : title.Trim(),
            Attribute(document, "meta[property='og:site_name']", "content"),
            CompanyDomains.FromUrl(pageUrl),
            null,
            false,
            null,
            HtmlText.Tidy(text ?? string.Empty),
            null,
            null,
            null,
            null,
            pageUrl,
            null);
    }

    private static string? Attribute(IHtmlDocument document, string selector, string attribute) =>
        document.QuerySelector(selector)?.GetAttribute(attribute) is { } value && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;
}
