using System.Text.Json;

namespace RoleFerry.Api.Jobs.Import;

/// <summary>
/// A Lever postings JSON (<c>GET api.lever.co/v0/postings/{company}?mode=json</c>): <c>[{id, text, hostedUrl,
/// applyUrl, categories:{location, commitment}, descriptionPlain, lists, additionalPlain, workplaceType, createdAt}]</c>
/// with createdAt in Unix milliseconds. The company is the one of the query. Source "lever", externalId the id.
/// </summary>
public static class LeverFeed
{
    public static IReadOnlyList<ImportRow> Read(JsonElement root, string? company, string? domain)
    {
        var rows = new List<ImportRow>();
        var number = 0;
        foreach (var posting in root.EnumerateArray())
        {
            number++;
            if (posting.ValueKind != JsonValueKind.Object)
            {
                rows.Add(ImportRow.Failed(number, "a posting must be an object"));
                continue;
            }

            var location = FeedJson.Text(posting, "categories", "location");
            var remote = string.Equals(FeedJson.Text(posting, "workplaceType"), "remote", StringComparison.OrdinalIgnoreCase)
                         || (location?.Contains("remote", StringComparison.OrdinalIgnoreCase) ?? false);
            rows.Add(ImportRow.Of(number, new JobDraft(
                "lever",
                FeedJson.Id(posting, "id"),
                FeedJson.Text(posting, "text"),
                company,
                domain,
                location,
                remote,
                FeedJson.Text(posting, "categories", "commitment")?.Trim().ToLowerInvariant().Replace('-', '_').Replace(' ', '_'),
                Description(posting),
                null,
                null,
                posting.TryGetProperty("createdAt", out var created) && created.TryGetInt64(out var ms) && ms > 0
                    ? DateTimeOffset.FromUnixTimeMilliseconds(ms)
                    : null,
                null,
                FeedJson.Text(posting, "hostedUrl"),
                FeedJson.Text(posting, "applyUrl"))));
        }

        return rows;
    }

    /// <summary>descriptionPlain (else description as HTML), then each list's title and items, then additionalPlain.</summary>
    private static string Description(JsonElement posting)
    {
        var parts = new List<string> { FeedJson.Text(posting, "descriptionPlain") ?? HtmlText.ToText(FeedJson.Text(posting, "description")) };
        if (posting.TryGetProperty("lists", out var lists) && lists.ValueKind == JsonValueKind.Array)
        {
            foreach (var list in lists.EnumerateArray())
            {
                parts.Add(FeedJson.Text(list, "text") ?? string.Empty);
                parts.Add(HtmlText.ToText(FeedJson.Text(list, "content")));
            }
        }

        parts.Add(FeedJson.Text(posting, "additionalPlain") ?? string.Empty);
        return HtmlText.Tidy(string.Join('\n', parts));
    }
}
