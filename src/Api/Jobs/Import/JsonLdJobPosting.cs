using System.Globalization;
using System.Text.Json;
using AngleSharp.Html.Dom;

namespace RoleFerry.Api.Jobs.Import;

/// <summary>
/// The schema.org <c>JobPosting</c> a page embeds as JSON-LD (<c>&lt;script type="application/ld+json"&gt;</c>, the
/// format Greenhouse, Lever, Workday and most career sites use): found at the top level, in an array or in an
/// <c>@graph</c>; read into a <see cref="JobDraft"/> (title, hiringOrganization, jobLocation, employmentType,
/// baseSalary, datePosted, validThrough, description, url).
/// </summary>
public static class JsonLdJobPosting
{
    public static JsonElement? Find(IHtmlDocument document)
    {
        foreach (var script in document.QuerySelectorAll("script[type='application/ld+json']"))
        {
            try
            {
                using var json = JsonDocument.Parse(script.TextContent, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
                if (Posting(json.RootElement) is { } posting)
                {
                    return posting.Clone();
                }
            }
            catch (JsonException)
            {
                // A broken block among others: the page may still carry a readable one.
            }
        }

        return null;
    }

    public static JobDraft Read(JsonElement posting, string? pageUrl)
    {
        var organization = posting.TryGetProperty("hiringOrganization", out var org) ? org : default;
        var companyName = organization.ValueKind switch
        {
            JsonValueKind.String => organization.GetString(),
            JsonValueKind.Object => FeedJson.Text(organization, "name"),
            _ => null,
        };
        var companyDomain = organization.ValueKind == JsonValueKind.Object
            ? Strings(organization, "sameAs").Concat(Strings(organization, "url")).Select(CompanyDomains.FromUrl).FirstOrDefault(d => d is not null)
            : null;
        var url = FeedJson.Text(posting, "url") is { } own && JobUrls.IsHttp(own) ? own : pageUrl;
        var (min, max) = Salary(posting);
        var remote = Strings(posting, "jobLocationType").Any(t => t.Equals("TELECOMMUTE", StringComparison.OrdinalIgnoreCase));
        var location = Location(posting);
        return new JobDraft(
            "web",
            null,
            FeedJson.Text(posting, "title") is { } title ? System.Net.WebUtility.HtmlDecode(title) : null,
            companyName,
            companyDomain,
            location ?? (remote ? "Remote" : null),
            remote || (location?.Contains("remote", StringComparison.OrdinalIgnoreCase) ?? false),
            Strings(posting, "employmentType").Select(t => t.Trim().ToLowerInvariant().Replace('-', '_').Replace(' ', '_')).FirstOrDefault(),
            HtmlText.ToText(FeedJson.Text(posting, "description")),
            min,
            max,
            FeedJson.Date(posting, "datePosted"),
            FeedJson.Date(posting, "validThrough"),
            url,
            null);
    }

    private static JsonElement? Posting(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    if (Posting(item) is { } found)
                    {
                        return found;
                    }
                }

                return null;
            case JsonValueKind.Object:
                if (Strings(element, "@type").Any(t => t.Equals("JobPosting", StringComparison.OrdinalIgnoreCase)))
                {
                    return element;
                }

                return element.TryGetProperty("@graph", out var graph) ? Posting(graph) : null;
            default:
                return null;
        }
    }

    private static string? Location(JsonElement posting)
    {
        if (!posting.TryGetProperty("jobLocation", out var places))
        {
            return null;
        }

        var names = (places.ValueKind == JsonValueKind.Array ? places.EnumerateArray().ToArray() : [places])
            .Select(place => place.ValueKind == JsonValueKind.String ? place.GetString()
                : place.ValueKind == JsonValueKind.Object && place.TryGetProperty("address", out var address)
                    ? address.ValueKind == JsonValueKind.String ? address.GetString()
                    : string.Join(", ", new[] { FeedJson.Text(address, "addressLocality"), FeedJson.Text(address, "addressRegion"), Country(address) }
                        .Where(p => !string.IsNullOrWhiteSpace(p)).Distinct())
                    : FeedJson.Text(place, "name"))
            .Where(n => !string.IsNullOrWhiteSpace(n))
            .Distinct()
            .ToArray();
        return names.Length == 0 ? null : string.Join("; ", names);
    }

    private static string? Country(JsonElement address) =>
        address.TryGetProperty("addressCountry", out var country)
            ? country.ValueKind == JsonValueKind.Object ? FeedJson.Text(country, "name") : country.ValueKind == JsonValueKind.String ? country.GetString() : null
            : null;

    /// <summary>A yearly salary range (baseSalary.value minValue/maxValue or value); other units are not a yearly figure.</summary>
    private static (int? Min, int? Max) Salary(JsonElement posting)
    {
        if (!posting.TryGetProperty("baseSalary", out var salary) || salary.ValueKind != JsonValueKind.Object)
        {
            return (null, null);
        }

        var value = salary.TryGetProperty("value", out var v) ? v : salary;
        var unit = FeedJson.Text(value, "unitText") ?? FeedJson.Text(salary, "unitText");
        if (unit is not null && !unit.Equals("YEAR", StringComparison.OrdinalIgnoreCase))
        {
            return (null, null);
        }

        if (value.ValueKind == JsonValueKind.Number)
        {
            var single = Number(value);
            return (single, single);
        }

        var min = Number(value, "minValue") ?? Number(value, "value");
        var max = Number(value, "maxValue") ?? Number(value, "value");
        return min > max ? (max, min) : (min, max);
    }

    private static int? Number(JsonElement element, string? property = null)
    {
        var value = element;
        if (property is not null && (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(property, out value)))
        {
            return null;
        }

        var number = value.ValueKind switch
        {
            JsonValueKind.Number => value.GetDouble(),
            JsonValueKind.String when double.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) => parsed,
            _ => double.NaN,
        };
        return double.IsFinite(number) && number is >= 0 and <= int.MaxValue ? (int)Math.Round(number) : null;
    }

    private static IEnumerable<string> Strings(JsonElement element, string property)
    {
        if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(property, out var value))
        {
            return [];
        }

        return value.ValueKind switch
        {
            JsonValueKind.String => [value.GetString()!],
            JsonValueKind.Array => value.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!).ToArray(),
            _ => [],
        };
    }
}
