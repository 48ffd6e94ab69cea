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
            .WithSummary("201 with a new job, or 200 with the job already known for the externalId.")
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

        var title = request.Title!.Trim();
        var externalId = Text.OrNull(request.ExternalId);
        var keywords = KeywordExtractor.Extract(title, request.Description);
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            // One statement: the job and its keywords, or nothing (unknown company, or the externalId is taken).
            await using (var insert = db.Command(
                """
                WITH inserted AS (
                    INSERT INTO jobs (external_id, source, title, company_id, location, remote, job_type, description,
                                      comp_min, comp_max, posted_date, expires_at, created_by_user_id, created_at, updated_at)
                    SELECT $1::text, $2, $3, $4, $5::text, $6, $7::text, $8::text, $9::integer, $10::integer,
                           $11::timestamptz, $12::timestamptz, $13, $14, $14
                    WHERE EXISTS (SELECT 1 FROM companies WHERE id = $4)
                    ON CONFLICT (external_id) DO NOTHING
                    RETURNING id
                ), keywords AS (
                    INSERT INTO job_keywords (job_id, keyword) SELECT inserted.id, k FROM inserted, unnest($15::text[]) AS k
                )
                SELECT id FROM inserted
                """,
                externalId,
                request.Source!.Trim(),
                title,
                request.CompanyId!.Value,
                Text.OrNull(request.Location),
                request.Remote ?? false,
                Text.OrNull(request.JobType),
                request.Description,
                request.CompMin,
                request.CompMax,
                request.PostedDate?.ToUniversalTime(),
                request.ExpiresAt?.ToUniversalTime(),
                principal.GetUserId(),
                clock.GetUtcNow(),
                keywords))
            {
                if (await insert.ExecuteScalarAsync(ct) is long id)
                {
                    return TypedResults.Created($"/api/jobs/{id}", (await JobRows.FindAsync(db, id, null, ct))!);
                }
            }

            if (externalId is not null && await JobRows.FindAsync(db, null, externalId, ct) is { } existing)
            {
                return TypedResults.Ok(existing);
            }

            if (!await CompanyExistsAsync(db, request.CompanyId.Value, ct))
            {
                return Problems.NotFound($"Company {request.CompanyId} does not exist.");
            }
        }

        throw new InvalidOperationException($"Job {externalId} neither inserted nor found.");
    }

    internal static async Task<Results<Ok<JobResponse>, ProblemHttpResult>> GetAsync(long id, NpgsqlDataSource db, CancellationToken ct) =>
        await JobRows.FindAsync(db, id, null, ct) is { } job ? TypedResults.Ok(job) : Problems.NotFound($"Job {id} does not exist.");

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
