using System.Security.Claims;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;
using RoleFerry.Api.Infrastructure;

namespace RoleFerry.Api.Jobs.Import;

/// <summary>
/// <c>POST /api/jobs/import</c>: one posting page (JSON <c>{html, url?}</c>, or <c>{url}</c> for RoleFerry to fetch)
/// or a feed file (multipart <c>file</c>: a Greenhouse job board's JSON, a Lever postings JSON or a CSV; the company
/// of a feed from <c>?company=&amp;domain=</c>). Each job is found or created; rows that fail are listed in
/// <c>failed</c> while the others import.
/// </summary>
public static class JobImportApi
{
    public static IEndpointRouteBuilder MapJobImportApi(this IEndpointRouteBuilder endpoints)
    {
        var limit = endpoints.ServiceProvider.GetRequiredService<IOptions<JobImportOptions>>().Value.MaxImportBytes;
        RequestSizeLimit.Apply(
            endpoints.MapPost("/api/jobs/import", ImportAsync)
                .WithTags("Jobs")
                .WithName("ImportJobs")
                .WithSummary("Imports a posting page (JSON {html, url?} or {url}) or a Greenhouse, Lever or CSV feed (multipart file); 200 {created, existing, failed, jobs}.")
                .WithDescription("JSON {html, url?}: a saved posting page (its schema.org JobPosting JSON-LD, else its title and main text). JSON {url}: RoleFerry fetches the page (http(s), at most 2 MiB, 10 s; private addresses refused). multipart/form-data with the field \"file\": a Greenhouse job-board JSON, a Lever postings JSON (company from ?company=&domain=) or a CSV with the header title,company,companyDomain,location,url,description. Rows are numbered from 1 (the first job of a feed, the first data line of a CSV).")
                .RequireAuthorization()
                .ProducesProblem(StatusCodes.Status401Unauthorized)
                .ProducesValidationProblem()
                .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
                .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
                .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
                .DisableAntiforgery(),
            limit);
        return endpoints;
    }

    internal static async Task<Results<Ok<ImportResponse>, ValidationProblem, ProblemHttpResult>> ImportAsync(
        HttpRequest request,
        ClaimsPrincipal principal,
        NpgsqlDataSource db,
        TimeProvider clock,
        JobPageFetcher fetcher,
        CancellationToken ct,
        string? company = null,
        string? domain = null)
    {
        var errors = new ValidationErrors();
        errors.Optional(company, "company");
        if (!string.IsNullOrWhiteSpace(domain) && !Companies.DomainRules.IsValid(domain))
        {
            errors.Add("domain", "domain must be a domain such as acme.com.");
        }

        if (!errors.IsEmpty)
        {
            return Problems.Validation(errors);
        }

        company = Text.OrNull(company);
        domain = Text.OrNull(domain);
        IReadOnlyList<ImportRow> rows;
        if (request.HasJsonContentType())
        {
            var page = await PageAsync(await request.ReadFromJsonAsync<ImportRequest>(ct), fetcher, ct);
            if (page.Validation is not null)
            {
                return page.Validation;
            }

            if (page.Failure is not null)
            {
                return page.Failure;
            }

            var draft = page.Draft!;
            rows = [ImportRow.Of(1, draft with
            {
                CompanyName = company ?? draft.CompanyName,
                CompanyDomain = domain ?? draft.CompanyDomain ?? await KnownDomainAsync(db, draft.CompanyName, ct),
            })];
        }
        else if (request.HasFormContentType)
        {
            var file = (await request.ReadFormAsync(ct)).Files.GetFile("file");
            if (file is null || file.Length == 0)
            {
                return Problems.Validation("file", "file is required: a Greenhouse or Lever JSON feed, or a CSV.");
            }

            var feed = await FeedAsync(file, company, domain, ct);
            if (feed.Validation is not null)
            {
                return feed.Validation;
            }

            rows = feed.Rows!;
        }
        else
        {
            return TypedResults.Problem(
                detail: "Send JSON {html, url?} or {url}, or multipart/form-data with a feed in the field \"file\".",
                statusCode: StatusCodes.Status415UnsupportedMediaType,
                title: "Unsupported media type");
        }

        return TypedResults.Ok(await JobImporter.ImportAsync(db, rows, principal.GetUserId(), clock.GetUtcNow(), ct));
    }

    /// <summary>The posting of a saved page, or of the page fetched from the url.</summary>
    private static async Task<(JobDraft? Draft, ValidationProblem? Validation, ProblemHttpResult? Failure)> PageAsync(
        ImportRequest? body, JobPageFetcher fetcher, CancellationToken ct)
    {
        var url = Text.OrNull(body?.Url);
        if (url is not null && !JobUrls.IsHttp(url))
        {
            return (null, Problems.Validation("url", "url must be an absolute http or https URL."), null);
        }

        if (!string.IsNullOrWhiteSpace(body?.Html))
        {
            return (PostingPage.Read(body.Html, url), null, null);
        }

        if (url is null)
        {
            return (null, Problems.Validation("html", "html (a saved posting page) or url (a page to fetch) is required."), null);
        }

        try
        {
            var (html, finalUrl) = await fetcher.FetchAsync(new Uri(url), ct);
            return (PostingPage.Read(html, finalUrl.AbsoluteUri), null, null);
        }
        catch (JobPageFetchException e) when (e.Refused)
        {
            return (null, Problems.Validation("url", e.Message), null);
        }
        catch (JobPageFetchException e)
        {
            return (null, null, TypedResults.Problem(detail: e.Message, statusCode: StatusCodes.Status422UnprocessableEntity, title: "Page not fetched"));
        }
    }

    /// <summary>The rows of a Greenhouse or Lever JSON feed (told apart by their shape) or of a CSV.</summary>
    private static async Task<(IReadOnlyList<ImportRow>? Rows, ValidationProblem? Validation)> FeedAsync(
        IFormFile file, string? company, string? domain, CancellationToken ct)
    {
        string text;
        using (var reader = new StreamReader(file.OpenReadStream(), Encoding.UTF8, detectEncodingFromByteOrderMarks: true))
        {
            text = await reader.ReadToEndAsync(ct);
        }

        var start = text.AsSpan().TrimStart();
        if (start.Length > 0 && start[0] is '{' or '[')
        {
            JsonDocument json;
            try
            {
                json = JsonDocument.Parse(text);
            }
            catch (JsonException e)
            {
                return (null, Problems.Validation("file", $"The feed is not valid JSON: {e.Message}"));
            }

            using (json)
            {
                var root = json.RootElement;
                var greenhouse = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("jobs", out var jobs) && jobs.ValueKind == JsonValueKind.Array;
                if (!greenhouse && root.ValueKind != JsonValueKind.Array)
                {
                    return (null, Problems.Validation("file", "A JSON feed is a Greenhouse job board ({\"jobs\": [...]}) or a Lever postings array ([...])."));
                }

                if (domain is null)
                {
                    return (null, Problems.Validation("domain", "A Greenhouse or Lever feed names no company website: give ?company=&domain= (e.g. ?company=Acme&domain=acme.com)."));
                }

                return (greenhouse ? GreenhouseFeed.Read(root, company, domain) : LeverFeed.Read(root, company, domain), null);
            }
        }

        if (CsvFeed.Read(text, out var missing) is not { } rows)
        {
            return (null, Problems.Validation("file",
                $"A CSV feed needs the header {string.Join(',', CsvFeed.Header)}; missing: {string.Join(", ", missing)}."));
        }

        return (rows.Select(r => r.Draft is null ? r : r with
        {
            Draft = r.Draft with { CompanyName = r.Draft.CompanyName ?? company, CompanyDomain = r.Draft.CompanyDomain ?? domain },
        }).ToList(), null);
    }

    /// <summary>The domain of a company already in the catalogue under this name, or null.</summary>
    private static async Task<string?> KnownDomainAsync(NpgsqlDataSource db, string? name, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return null;
        }

        await using var command = db.Command(
            "SELECT domain_normalized FROM companies WHERE lower(btrim(name)) = lower(btrim($1)) ORDER BY id LIMIT 1", name);
        return await command.ExecuteScalarAsync(ct) as string;
    }
}
