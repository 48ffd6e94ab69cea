using System.Data.Common;
using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;
using Orleans;
using RoleFerry.Api.Infrastructure;
using RoleFerry.Grains.Interfaces.Users;

namespace RoleFerry.Api.Interviews;

/// <summary>
/// Interviews of the caller's applications: <c>/api/applications/{id}/interviews</c> (create, list) and
/// <c>/api/interviews/{id}</c> (update, delete). Ownership is the application's (<c>user_id = $me</c>, not deleted).
/// Scheduling one moves a saved or applied application to interviewing (history cause <c>system</c>). Every change
/// asks the user grain to re-arm its reminder, which announces each interview 24 hours ahead.
/// </summary>
public static class InterviewsApi
{
    private const string Columns =
        "i.id, i.application_id, i.scheduled_at, i.kind, i.interviewer, i.location, i.notes, i.outcome, i.created_at, i.updated_at";

    public static IEndpointRouteBuilder MapInterviewsApi(this IEndpointRouteBuilder endpoints)
    {
        var ofApplication = endpoints.MapGroup("/api/applications/{id:long}/interviews").WithTags("Interviews")
            .RequireAuthorization().ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status404NotFound);
        ofApplication.MapPost("", CreateAsync)
            .WithName("CreateInterview")
            .WithSummary("Schedules an interview; a saved or applied application moves to interviewing.")
            .ProducesValidationProblem();
        ofApplication.MapGet("", ListAsync)
            .WithName("ListInterviews")
            .WithSummary("The application's interviews, earliest first.")
            .ProducesValidationProblem();

        var interviews = endpoints.MapGroup("/api/interviews").WithTags("Interviews")
            .RequireAuthorization().ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status404NotFound);
        interviews.MapPatch("/{id:long}", UpdateAsync)
            .WithName("UpdateInterview")
            .WithSummary("Changes an interview's time, kind, interviewer, location, notes or outcome.")
            .ProducesValidationProblem();
        interviews.MapDelete("/{id:long}", DeleteAsync)
            .WithName("DeleteInterview")
            .WithSummary("Deletes an interview.");
        return endpoints;
    }

    internal static async Task<Results<Created<InterviewResponse>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        long id, CreateInterviewRequest request, ClaimsPrincipal principal, NpgsqlDataSource db, IGrainFactory grains,
        TimeProvider clock, CancellationToken ct)
    {
        var errors = request.Validate();
        if (!errors.IsEmpty)
        {
            return Problems.Validation(errors);
        }

        var userId = principal.GetUserId();
        InterviewResponse? created;
        // One statement: lock the application, add the interview, move saved/applied to interviewing (system).
        await using (var command = db.Command(
            $"""
            WITH app AS (
                SELECT id, status FROM applications WHERE id = $1 AND user_id = $2 AND deleted_at IS NULL FOR UPDATE
            ), inserted AS (
                INSERT INTO interviews (application_id, scheduled_at, kind, interviewer, location, notes, created_at, updated_at)
                SELECT id, $3, $4, $5::text, $6::text, $7::text, $8, $8 FROM app
                RETURNING *
            ), moved AS (
                UPDATE applications a SET
                    status         = CASE WHEN app.status IN ('saved', 'applied') THEN 'interviewing' ELSE a.status END,
                    applied_at     = coalesce(a.applied_at, $8),
                    last_action_at = $8,
                    updated_at     = $8
                FROM app WHERE a.id = app.id
                RETURNING a.id, app.status AS from_status, a.status AS to_status
            ), history AS (
                INSERT INTO application_status_history (application_id, from_status, to_status, cause, changed_at)
                SELECT id, from_status, to_status, 'system', $8 FROM moved WHERE from_status <> to_status
            )
            SELECT {Columns} FROM inserted i
            """,
            id, userId, request.ScheduledAt!.Value.ToUniversalTime(), request.Kind, Text.OrNull(request.Interviewer), Text.OrNull(request.Location),
            string.IsNullOrWhiteSpace(request.Notes) ? null : request.Notes, clock.GetUtcNow()))
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            created = await reader.ReadAsync(ct) ? Read(reader) : null;
        }

        if (created is null)
        {
            return NoApplication(id);
        }

        await grains.GetGrain<IUserGrain>(userId).RefreshInterviewRemindersAsync();
        return TypedResults.Created($"/api/interviews/{created.Id}", created);
    }

    internal static async Task<Results<Ok<PagedResponse<InterviewResponse>>, ValidationProblem, ProblemHttpResult>> ListAsync(
        long id, ClaimsPrincipal principal, NpgsqlDataSource db, CancellationToken ct, int? page = null, int? pageSize = null)
    {
        var errors = new ValidationErrors();
        if (PageRequest.From(page, pageSize, errors) is not { } paging)
        {
            return Problems.Validation(errors);
        }

        var userId = principal.GetUserId();
        await using (var exists = db.Command(
            "SELECT EXISTS (SELECT 1 FROM applications WHERE id = $1 AND user_id = $2 AND deleted_at IS NULL)", id, userId))
        {
            if (await exists.ExecuteScalarAsync(ct) is not true)
            {
                return NoApplication(id);
            }
        }

        return TypedResults.Ok(await PageQuery.ReadAsync(
            db,
            paging,
            Sql.BatchCommand(
                """
                SELECT count(*) FROM interviews i JOIN applications a ON a.id = i.application_id
                WHERE i.application_id = $1 AND a.user_id = $2 AND a.deleted_at IS NULL
                """,
                id, userId),
            Sql.BatchCommand(
                $"""
                SELECT {Columns} FROM interviews i JOIN applications a ON a.id = i.application_id
                WHERE i.application_id = $1 AND a.user_id = $2 AND a.deleted_at IS NULL
                ORDER BY i.scheduled_at, i.id
                LIMIT $3 OFFSET $4
                """,
                id, userId, paging.PageSize, paging.Offset),
            Read,
            ct));
    }

    internal static async Task<Results<Ok<InterviewResponse>, ValidationProblem, ProblemHttpResult>> UpdateAsync(
        long id, UpdateInterviewRequest request, ClaimsPrincipal principal, NpgsqlDataSource db, IGrainFactory grains,
        TimeProvider clock, CancellationToken ct)
    {
        var errors = request.Validate();
        if (!errors.IsEmpty)
        {
            return Problems.Validation(errors);
        }

        var userId = principal.GetUserId();
        InterviewResponse? updated;
        await using (var command = db.Command(
            $"""
            UPDATE interviews i SET
                scheduled_at = coalesce($3::timestamptz, i.scheduled_at),
                kind         = coalesce($4::text, i.kind),
                interviewer  = CASE WHEN $5::text IS NULL THEN i.interviewer ELSE nullif(btrim($5::text), '') END,
                location     = CASE WHEN $6::text IS NULL THEN i.location ELSE nullif(btrim($6::text), '') END,
                notes        = CASE WHEN $7::text IS NULL THEN i.notes ELSE nullif($7::text, '') END,
                outcome      = coalesce($8::text, i.outcome),
                updated_at   = $9
            FROM applications a
            WHERE i.id = $1 AND a.id = i.application_id AND a.user_id = $2 AND a.deleted_at IS NULL
            RETURNING {Columns}
            """,
            id, userId, request.ScheduledAt?.ToUniversalTime(), request.Kind, request.Interviewer, request.Location, request.Notes,
            request.Outcome, clock.GetUtcNow()))
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            updated = await reader.ReadAsync(ct) ? Read(reader) : null;
        }

        if (updated is null)
        {
            return NoInterview(id);
        }

        await grains.GetGrain<IUserGrain>(userId).RefreshInterviewRemindersAsync();
        return TypedResults.Ok(updated);
    }

    internal static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(
        long id, ClaimsPrincipal principal, NpgsqlDataSource db, IGrainFactory grains, CancellationToken ct)
    {
        var userId = principal.GetUserId();
        await using (var command = db.Command(
            """
            DELETE FROM interviews i USING applications a
            WHERE i.id = $1 AND a.id = i.application_id AND a.user_id = $2 AND a.deleted_at IS NULL
            """,
            id, userId))
        {
            if (await command.ExecuteNonQueryAsync(ct) == 0)
            {
                return NoInterview(id);
            }
        }

        await grains.GetGrain<IUserGrain>(userId).RefreshInterviewRemindersAsync();
        return TypedResults.NoContent();
    }

    private static InterviewResponse Read(DbDataReader reader) => new(
        reader.Get<long>("id"),
        reader.Get<long>("application_id"),
        reader.Get<DateTimeOffset>("scheduled_at"),
        reader.Get<string>("kind"),
        reader.GetStringOrNull("interviewer"),
        reader.GetStringOrNull("location"),
        reader.GetStringOrNull("notes"),
        reader.Get<string>("outcome"),
        reader.Get<DateTimeOffset>("created_at"),
        reader.Get<DateTimeOffset>("updated_at"));

    private static ProblemHttpResult NoApplication(long id) => Problems.NotFound($"Application {id} does not exist.");

    private static ProblemHttpResult NoInterview(long id) => Problems.NotFound($"Interview {id} does not exist.");
}
