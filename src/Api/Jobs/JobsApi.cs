using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;
using RoleFerry.Api.Infrastructure;

namespace RoleFerry.Api.Jobs;

/// <summary><c>/api/jobs</c>: the shared job catalogue and its full-text search.</summary>
public static class JobsApi
{
    public static IEndpointRouteBuilder MapJobsApi(this IEndpointRouteBuilder endpoints)
    {
        var jobs = endpoints.MapGroup("/api/jobs").WithTags("Jobs").RequireAuthorization()
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        jobs.MapPost("", CreateAsync)
            .WithName("CreateJob")
            .WithSummary("201 with a new job, or 200 with the job already known for the externalId or the url.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        jobs.MapGet("/{id:long}", GetAsync).WithName("GetJob").WithSummary("One job with its company.").ProducesProblem(StatusCodes.Status404NotFound);
        jobs.MapGet("", SearchAsync)
            .WithName("SearchJobs")
            .WithSummary("Unexpired jobs; query is full-text (websearch syntax) over title and description.")
            .ProducesValidationProblem();
        return endpoints;
    }

    internal static async Task<Results<Created<JobResponse>, Ok<JobResponse>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        CreateJobRequest request, ClaimsPrincipal principal, NpgsqlDataSource db, TimeProvider clock, CancellationToken ct)
    {
        var errors = request.Validate();
        if (!errors.IsEmpty)
        {
            return Problems.Validation(errors);
        }

        if (!await CompanyExistsAsync(db, request.CompanyId!.Value, ct))
        {
            return Problems.NotFound($"Company {request.CompanyId} does not exist.");
        }

        var found = (await JobCatalog.FindOrCreateAsync(db, [request.ToNewJob()], byTitle: false, principal.GetUserId(), clock.GetUtcNow(), ct))[0];
        var job = (await JobRows.FindAsync(db, found.Id, ct))!;
        return found.Created ? TypedResults.Created($"/api/jobs/{job.Id}", job) : TypedResults.Ok(job);
    }

    internal static async Task<Results<Ok<JobResponse>, ProblemHttpResult>> GetAsync(long id, NpgsqlDataSource db, CancellationToken ct) =>
        await JobRows.FindAsync(db, id, ct) is { } job ? TypedResults.Ok(job) : Problems.NotFound($"Job {id} does not exist.");

    internal static async Task<Results<Ok<PagedResponse<JobResponse>>, ValidationProblem>> SearchAsync(
        NpgsqlDataSource db,
        TimeProvider clock,
        CancellationToken ct,
        string? query = null,
        bool? remote = null,
        string? location = null,
        int? page = null,
        int? pageSize = null)
    {
        var errors = new ValidationErrors();
        if (query is not null)
        {
            errors.MaxLength(query, "query", 500);
        }

        if (location is not null)
        {
            errors.MaxLength(location, "location", ValidationErrors.MaxTextLength);
        }

        var paging = PageRequest.From(page, pageSize, errors);
        if (paging is null || !errors.IsEmpty)
        {
            return Problems.Validation(errors);
        }

        var text = string.IsNullOrWhiteSpace(query) ? null : query.Trim();
        var place = string.IsNullOrWhiteSpace(location) ? null : "%" + Sql.EscapeLike(location.Trim()) + "%";
        var now = clock.GetUtcNow();
        return TypedResults.Ok(await PageQuery.ReadAsync(
            db,
            paging,
            Sql.BatchCommand(
                """
                SELECT count(*) FROM jobs j
                WHERE (j.expires_at IS NULL OR j.expires_at > $1)
                  AND ($2::text IS NULL OR j.search @@ websearch_to_tsquery('english', $2))
                  AND ($3::boolean IS NULL OR j.remote = $3)
                  AND ($4::text IS NULL OR j.location ILIKE $4)
                """,
                now, text, remote, place),
            Sql.BatchCommand(
                $"""
                SELECT {JobRows.Columns}
                FROM jobs j JOIN companies c ON c.id = j.company_id
                WHERE (j.expires_at IS NULL OR j.expires_at > $1)
                  AND ($2::text IS NULL OR j.search @@ websearch_to_tsquery('english', $2))
                  AND ($3::boolean IS NULL OR j.remote = $3)
                  AND ($4::text IS NULL OR j.location ILIKE $4)
                ORDER BY CASE WHEN $2::text IS NULL THEN 0 ELSE ts_rank(j.search, websearch_to_tsquery('english', $2)) END DESC,
                         coalesce(j.posted_date, j.created_at) DESC, j.id DESC
                LIMIT $5 OFFSET $6
                """,
                now, text, remote, place, paging.PageSize, paging.Offset),
            JobRows.Read,
            ct));
    }

    private static async Task<bool> CompanyExistsAsync(NpgsqlDataSource db, long companyId, CancellationToken ct)
    {
        await using var command = db.Command("SELECT EXISTS (SELECT 1 FROM companies WHERE id = $1)", companyId);
        return await command.ExecuteScalarAsync(ct) is true;
    }
}
