using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;
using Orleans;
using RoleFerry.Api.Infrastructure;
using RoleFerry.Api.Jobs;
using RoleFerry.Api.Matching;
using RoleFerry.Grains.Interfaces.Sequences;

namespace RoleFerry.Api.Applications;

/// <summary>
/// <c>/api/applications</c>: the tracker. Every query is scoped to the caller (<c>user_id = $me</c>) and to
/// live rows (<c>deleted_at IS NULL</c>); anything else answers 404.
/// </summary>
public static class ApplicationsApi
{
    public static IEndpointRouteBuilder MapApplicationsApi(this IEndpointRouteBuilder endpoints)
    {
        var applications = endpoints.MapGroup("/api/applications").WithTags("Applications").RequireAuthorization()
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        applications.MapPost("", CreateAsync)
            .WithName("CreateApplication")
            .WithSummary("Tracks a job; the match score is computed now; 409 when the job is already tracked.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        applications.MapGet("", ListAsync)
            .WithName("ListApplications")
            .WithSummary("The tracker, most recent action first.")
            .ProducesValidationProblem();
        applications.MapGet("/status-counts", CountByStatusAsync)
            .WithName("CountApplicationsByStatus")
            .WithSummary("How many applications the caller has in each status (the tracker's headings, the pipeline at a glance).");
        applications.MapGet("/{id:long}", GetAsync).WithName("GetApplication")
            .WithSummary("One tracker row: the application with its job, company and outreach counts.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        applications.MapPatch("/{id:long}", UpdateAsync)
            .WithName("UpdateApplication")
            .WithSummary("Changes the status or notes; a status change is recorded in the history (cause user).")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        applications.MapGet("/{id:long}/history", GetHistoryAsync)
            .WithName("GetApplicationHistory")
            .WithSummary("Status changes, oldest first, with their cause (user or system).")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        applications.MapGet("/{id:long}/timeline", GetTimelineAsync)
            .WithName("GetApplicationTimeline")
            .WithSummary("Everything that happened to the application, oldest first: status changes, emails, replies, bounces, interviews.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        applications.MapDelete("/{id:long}", DeleteAsync)
            .WithName("DeleteApplication")
            .WithSummary("Cancels the application's scheduled outreach and live sequences, then soft-deletes it.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return endpoints;
    }

    internal static async Task<Results<Created<ApplicationResponse>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        CreateApplicationRequest request, ClaimsPrincipal principal, NpgsqlDataSource db, TimeProvider clock, CancellationToken ct)
    {
        var errors = request.Validate();
        if (!errors.IsEmpty)
        {
            return Problems.Validation(errors);
        }

        var userId = principal.GetUserId();
        var jobId = request.JobId!.Value;
        if (await JobRows.FindAsync(db, jobId, ct) is not { } job)
        {
            return Problems.NotFound($"Job {jobId} does not exist.");
        }

        var now = clock.GetUtcNow();
        var status = request.Status ?? ApplicationStatuses.Saved;
        var match = MatchScorer.Score(await MatchProfiles.LoadAsync(db, userId, ct), MatchJob.From(job), now);
        await using (var insert = db.Command(
            """
            WITH app AS (
                INSERT INTO applications (user_id, job_id, status, match_score, notes, applied_at, last_action_at, created_at, updated_at)
                VALUES ($1, $2, $3, $4, $5::text, $6::timestamptz, $7, $7, $7)
                ON CONFLICT (user_id, job_id) WHERE deleted_at IS NULL DO NOTHING
                RETURNING id, status
            ), history AS (
                INSERT INTO application_status_history (application_id, from_status, to_status, cause, changed_at)
                SELECT id, NULL, status, 'user', $7 FROM app
            )
            SELECT id FROM app
            """,
            userId,
            jobId,
            status,
            (short)match.Score,
            string.IsNullOrEmpty(request.Notes) ? null : request.Notes,
            ApplicationStatuses.HasApplied(status) ? now : null,
            now))
        {
            if (await insert.ExecuteScalarAsync(ct) is long id)
            {
                return TypedResults.Created($"/api/applications/{id}", (await ApplicationRows.FindAsync(db, id, userId, ct))!);
            }
        }

        return Problems.Conflict($"Job {jobId} is already in your tracker.");
    }

    internal static async Task<Results<Ok<PagedResponse<ApplicationResponse>>, ValidationProblem>> ListAsync(
        ClaimsPrincipal principal, NpgsqlDataSource db, CancellationToken ct, string? status = null, int? page = null, int? pageSize = null)
    {
        var errors = new ValidationErrors();
        if (status is not null && !ApplicationStatuses.IsValid(status))
        {
            errors.Add("status", $"status must be one of {ApplicationStatuses.Expected}.");
        }

        var paging = PageRequest.From(page, pageSize, errors);
        if (paging is null || !errors.IsEmpty)
        {
            return Problems.Validation(errors);
        }

        var userId = principal.GetUserId();
        return TypedResults.Ok(await PageQuery.ReadAsync(
            db,
            paging,
            Sql.BatchCommand(ApplicationRows.CountOfUser, userId, status),
            Sql.BatchCommand(ApplicationRows.PageOfUser, userId, status, paging.PageSize, paging.Offset),
            ApplicationRows.Read,
            ct));
    }

    internal static async Task<Ok<StatusCountsResponse>> CountByStatusAsync(ClaimsPrincipal principal, NpgsqlDataSource db, CancellationToken ct)
    {
        await using var command = db.Command(
            """
            SELECT status, count(*) FROM applications WHERE user_id = $1 AND deleted_at IS NULL GROUP BY status
            """,
            principal.GetUserId());
        await using var reader = await command.ExecuteReaderAsync(ct);
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        while (await reader.ReadAsync(ct))
        {
            counts[reader.GetString(0)] = reader.GetInt64(1);
        }

        return TypedResults.Ok(new StatusCountsResponse(
            ApplicationStatuses.All.Select(status => new StatusCount(status, counts.GetValueOrDefault(status))).ToList(),
            counts.Values.Sum()));
    }

    internal static async Task<Results<Ok<ApplicationResponse>, ProblemHttpResult>> GetAsync(
        long id, ClaimsPrincipal principal, NpgsqlDataSource db, CancellationToken ct) =>
        await ApplicationRows.FindAsync(db, id, principal.GetUserId(), ct) is { } application
            ? TypedResults.Ok(application)
            : NotFound(id);

    internal static async Task<Results<Ok<ApplicationResponse>, ValidationProblem, ProblemHttpResult>> UpdateAsync(
        long id, UpdateApplicationRequest request, ClaimsPrincipal principal, NpgsqlDataSource db, TimeProvider clock, CancellationToken ct)
    {
        var errors = request.Validate();
        if (!errors.IsEmpty)
        {
            return Problems.Validation(errors);
        }

        var userId = principal.GetUserId();
        // One statement: lock the row, change it, and record the status change (if any) as the user's.
        await using (var update = db.Command(
            """
            WITH current AS (
                SELECT id, status FROM applications
                WHERE id = $1 AND user_id = $2 AND deleted_at IS NULL
                FOR UPDATE
            ), updated AS (
                UPDATE applications a SET
                    status         = coalesce($3::text, a.status),
                    notes          = CASE WHEN $4::text IS NULL THEN a.notes ELSE nullif($4::text, '') END,
                    applied_at     = CASE WHEN a.applied_at IS NULL AND coalesce($3::text, a.status) IN ('applied', 'interviewing', 'offer')
                                          THEN $5 ELSE a.applied_at END,
                    last_action_at = $5,
                    updated_at     = $5
                FROM current
                WHERE a.id = current.id
                RETURNING a.id, current.status AS from_status, a.status AS to_status
            ), history AS (
                INSERT INTO application_status_history (application_id, from_status, to_status, cause, changed_at)
                SELECT id, from_status, to_status, 'user', $5 FROM updated WHERE from_status <> to_status
            )
            SELECT id FROM updated
            """,
            id, userId, request.Status, request.Notes, clock.GetUtcNow()))
        {
            if (await update.ExecuteScalarAsync(ct) is null)
            {
                return NotFound(id);
            }
        }

        return TypedResults.Ok((await ApplicationRows.FindAsync(db, id, userId, ct))!);
    }

    internal static async Task<Results<Ok<PagedResponse<StatusChangeResponse>>, ValidationProblem, ProblemHttpResult>> GetHistoryAsync(
        long id, ClaimsPrincipal principal, NpgsqlDataSource db, CancellationToken ct, int? page = null, int? pageSize = null)
    {
        var errors = new ValidationErrors();
        var paging = PageRequest.From(page, pageSize, errors);
        if (paging is null)
        {
            return Problems.Validation(errors);
        }

        var userId = principal.GetUserId();
        if (!await IsOwnApplicationAsync(db, id, userId, ct))
        {
            return NotFound(id);
        }

        return TypedResults.Ok(await PageQuery.ReadAsync(
            db,
            paging,
            Sql.BatchCommand(
                """
                SELECT count(*) FROM application_status_history h
                JOIN applications a ON a.id = h.application_id
                WHERE h.application_id = $1 AND a.user_id = $2 AND a.deleted_at IS NULL
                """,
                id, userId),
            Sql.BatchCommand(
                """
                SELECT h.id, h.from_status, h.to_status, h.cause, h.changed_at
                FROM application_status_history h
                JOIN applications a ON a.id = h.application_id
                WHERE h.application_id = $1 AND a.user_id = $2 AND a.deleted_at IS NULL
                ORDER BY h.changed_at, h.id
                LIMIT $3 OFFSET $4
                """,
                id, userId, paging.PageSize, paging.Offset),
            reader => new StatusChangeResponse(
                reader.Get<long>("id"),
                reader.GetStringOrNull("from_status"),
                reader.Get<string>("to_status"),
                reader.Get<string>("cause"),
                reader.Get<DateTimeOffset>("changed_at")),
            ct));
    }

    /// <summary>Whether the application exists, is the user's and is not deleted.</summary>
    private static async Task<bool> IsOwnApplicationAsync(NpgsqlDataSource db, long id, long userId, CancellationToken ct)
    {
        await using var exists = db.Command(
            """
            SELECT EXISTS (SELECT 1 FROM applications WHERE id = $1 AND user_id = $2 AND deleted_at IS NULL)
            """,
            id, userId);
        return await exists.ExecuteScalarAsync(ct) is true;
    }

    internal static async Task<Results<Ok<PagedResponse<TimelineEntry>>, ValidationProblem, ProblemHttpResult>> GetTimelineAsync(
        long id, ClaimsPrincipal principal, NpgsqlDataSource db, CancellationToken ct, int? page = null, int? pageSize = null)
    {
        var errors = new ValidationErrors();
        if (PageRequest.From(page, pageSize, errors) is not { } paging)
        {
            return Problems.Validation(errors);
        }

        var userId = principal.GetUserId();
        if (!await IsOwnApplicationAsync(db, id, userId, ct))
        {
            return NotFound(id);
        }

        return TypedResults.Ok(await PageQuery.ReadAsync(
            db,
            paging,
            Sql.BatchCommand(ApplicationTimeline.Count, id, userId),
            Sql.BatchCommand(ApplicationTimeline.Page, id, userId, paging.PageSize, paging.Offset),
            ApplicationTimeline.Read,
            ct));
    }

    /// <summary>
    /// Soft-deletes the application (with its audit event) in one statement, then cancels its live sequences through
    /// their grains, as contact and account deletion do. The deletion is committed first, so no step can be claimed
    /// meanwhile (a claim refuses a deleted application's steps), and a sequence this call did not reach (a crash in
    /// between) cancels itself at its next wake-up for the same reason. Mails already handed to SMTP (status sending)
    /// are left to the sequence engine.
    /// </summary>
    internal static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(
        long id, ClaimsPrincipal principal, NpgsqlDataSource db, IGrainFactory grains, TimeProvider clock, CancellationToken ct)
    {
        var userId = principal.GetUserId();
        var now = clock.GetUtcNow();
        var deleted = await db.ExecuteAsync(
            """
            WITH deleted AS (
                UPDATE applications SET deleted_at = $3, updated_at = $3
                WHERE id = $1 AND user_id = $2 AND deleted_at IS NULL
                RETURNING id)
            INSERT INTO audit_events (user_id, actor, action, entity_type, entity_id, created_at)
            SELECT $2, 'user:' || $2::text, 'application.deleted', 'application', id, $3 FROM deleted
            """,
            id, userId, now);
        if (deleted == 0)
        {
            return NotFound(id);
        }

        await using var live = db.Command(
            $"SELECT id FROM sequence_instances WHERE application_id = $1 AND user_id = $2 AND status IN {SequenceStatuses.LiveSql} ORDER BY id",
            id, userId);
        foreach (var sequenceId in await live.ReadAllAsync(reader => reader.GetInt64(0), ct))
        {
            await grains.GetGrain<ISequenceGrain>(sequenceId).StopAsync(SequenceStatuses.Canceled, "the application was deleted");
        }

        return TypedResults.NoContent();
    }

    private static ProblemHttpResult NotFound(long id) => Problems.NotFound($"Application {id} does not exist.");
}
