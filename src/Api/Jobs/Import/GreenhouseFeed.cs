using System.Globalization;
using System.Text.Json;

namespace RoleFerry.Api.Jobs.Import;

/// <summary>
/// A Greenhouse job board's JSON (<c>GET boards-api.greenhouse.io/v1/boards/{board}/jobs?content=true</c>):
/// <c>{"jobs":[{id, title, absolute_url, location:{name}, content, updated_at}]}</c>, where content is the description
/// as escaped HTML. The company is the one of the query (<c>?company=&amp;domain=</c>), else the job's
/// company_name. Source "greenhouse", externalId the job's id.
/// </summary>
public static class GreenhouseFeed
{
    public static IReadOnlyList<ImportRow> Read(JsonElement root, string? company, string? domain)
    {
        var rows = new List<ImportRow>();
        var number = 0;
        foreach (var job in root.GetProperty("jobs").EnumerateArray())
        {
            number++;
            if (job.ValueKind != JsonValueKind.Object)
            {
                rows.Add(ImportRow.Failed(number, "a job must be an object"));
                continue;
            }

            var location = FeedJson.Text(job, "location", "name");
            rows.Add(ImportRow.Of(number, new JobDraft(
                "greenhouse",
                FeedJson.Id(job, "id"),
                FeedJson.Text(job, "title"),
                company ?? FeedJson.Text(job, "company_name"),
                domain,
                location,
                location?.Contains("remote", StringComparison.OrdinalIgnoreCase) ?? false,
                null,
                HtmlText.ToText(System.Net.WebUtility.HtmlDecode(FeedJson.Text(job, "content") ?? string.Empty)),
                null,
                null,
                FeedJson.Date(job, "first_published") ?? FeedJson.Date(job, "updated_at"),
                null,
                FeedJson.Text(job, "absolute_url"),
                null)));
        }

        return rows;
    }
}
