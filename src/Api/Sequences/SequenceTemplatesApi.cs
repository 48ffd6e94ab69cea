using System.Data.Common;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;
using Orleans;
using RoleFerry.Api.Accounts;
using RoleFerry.Api.Infrastructure;
using RoleFerry.Grains.Interfaces.Templates;

namespace RoleFerry.Api.Sequences;

/// <summary>
/// <c>/api/sequence-templates</c>: the platform templates and the caller's own. Platform templates change only by
/// admins (403 for others); another user's template is 404.
/// </summary>
public static class SequenceTemplatesApi
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static IEndpointRouteBuilder MapSequenceTemplatesApi(this IEndpointRouteBuilder endpoints)
    {
        var templates = endpoints.MapGroup("/api/sequence-templates").WithTags("Sequence templates").RequireAuthorization()
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        templates.MapGet("/", ListAsync).WithName("ListSequenceTemplates")
            .WithSummary("The platform templates, then your own.").ProducesValidationProblem();
        templates.MapGet("/{id:long}", GetAsync).WithName("GetSequenceTemplate")
            .WithSummary("One platform template or one of your own.").ProducesProblem(StatusCodes.Status404NotFound);
        templates.MapGet("/{id:long}/preview", PreviewAsync).WithName("PreviewSequenceTemplate")
            .WithSummary("Each step rendered as a person gets it: for one of your applications and contacts (both ids), else with sample values.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        templates.MapPost("/", CreateAsync).WithName("CreateSequenceTemplate")
            .WithSummary("Creates one of your templates: steps, optional sending window and open/click tracking switches.")
            .ProducesValidationProblem();
        templates.MapPut("/{id:long}", UpdateAsync).WithName("UpdateSequenceTemplate")
            .WithSummary("Replaces one of your templates (platform ones: admins only); running sequences keep their snapshot.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        templates.MapDelete("/{id:long}", DeleteAsync).WithName("DeleteSequenceTemplate")
            .WithSummary("Deletes one of your templates (platform ones: admins only).")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        return endpoints;
    }

    private static async Task<Results<Ok<PagedResponse<TemplateResponse>>, ValidationProblem>> ListAsync(
        ClaimsPrincipal principal, NpgsqlDataSource db, int? page, int? pageSize, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        if (PageRequest.From(page, pageSize, errors) is not { } paging)
        {
            return Problems.Validation(errors);
        }

        var me = principal.GetUserId();
        return TypedResults.Ok(await PageQuery.ReadAsync(db, paging,
            Sql.BatchCommand("SELECT count(*) FROM sequence_templates WHERE is_platform OR user_id = $1", me),
            Sql.BatchCommand(
                """
                SELECT id, name, description, is_platform, steps::text, sending_window::text, created_at, updated_at, track_opens, track_clicks
                FROM sequence_templates WHERE is_platform OR user_id = $1
                ORDER BY is_platform DESC, id LIMIT $2 OFFSET $3
                """, me, paging.PageSize, paging.Offset),
            Read, ct));
    }

    private static async Task<Results<Ok<TemplateResponse>, ProblemHttpResult>> GetAsync(
        long id, ClaimsPrincipal principal, NpgsqlDataSource db, CancellationToken ct)
    {
        await using var command = db.Command(
            """
            SELECT id, name, description, is_platform, steps::text, sending_window::text, created_at, updated_at, track_opens, track_clicks
            FROM sequence_templates WHERE id = $1 AND (is_platform OR user_id = $2)
            """, id, principal.GetUserId());
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? TypedResults.Ok(Read(reader)) : Problems.NotFound($"Template {id} was not found.");
    }

    private static async Task<Results<Ok<TemplatePreview>, ValidationProblem, ProblemHttpResult>> PreviewAsync(
        long id, ClaimsPrincipal principal, IGrainFactory grains, long? applicationId = null, long? contactId = null)
    {
        if ((applicationId is null) != (contactId is null) || applicationId is <= 0 || contactId is <= 0)
        {
            return Problems.Validation(applicationId is null ? "applicationId" : "contactId",
                "applicationId and contactId go together (positive ids), or neither for sample values.");
        }

        return await grains.GetGrain<ITemplatePreviewGrain>(principal.GetUserId()).PreviewAsync(id, applicationId, contactId) is { } preview
            ? TypedResults.Ok(preview)
            : Problems.NotFound($"Template {id}, or the application or contact, was not found.");
    }

    private static async Task<Results<Created<TemplateResponse>, ValidationProblem>> CreateAsync(
        TemplateRequest request, ClaimsPrincipal principal, NpgsqlDataSource db, TimeProvider clock, CancellationToken ct)
    {
        var errors = request.Validate();
        if (!errors.IsEmpty)
        {
            return Problems.Validation(errors);
        }

        await using var command = db.Command(
            """
            INSERT INTO sequence_templates (user_id, is_platform, name, description, steps, sending_window, track_opens, track_clicks,
                                            created_at, updated_at)
            VALUES ($1, false, $2, $3::text, $4::jsonb, $5::jsonb, $7, $8, $6, $6)
            RETURNING id, name, description, is_platform, steps::text, sending_window::text, created_at, updated_at, track_opens, track_clicks
            """,
            principal.GetUserId(), request.Name!.Trim(), request.Description, Steps(request), Window(request), clock.GetUtcNow(),
            request.TrackOpens ?? true, request.TrackClicks ?? true);
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        var template = Read(reader);
        return TypedResults.Created($"/api/sequence-templates/{template.Id}", template);
    }

    private static async Task<Results<Ok<TemplateResponse>, ValidationProblem, ProblemHttpResult>> UpdateAsync(
        long id, TemplateRequest request, ClaimsPrincipal principal, NpgsqlDataSource db, TimeProvider clock,
        CancellationToken ct)
    {
        var errors = request.Validate();
        if (!errors.IsEmpty)
        {
            return Problems.Validation(errors);
        }

        if (await AccessAsync(id, principal, db, ct) is { } refused)
        {
            return refused;
        }

        await using var command = db.Command(
            """
            UPDATE sequence_templates
            SET name = $2, description = $3::text, steps = $4::jsonb, sending_window = $5::jsonb, updated_at = $6,
                track_opens = $7, track_clicks = $8, version = version + 1
            WHERE id = $1
            RETURNING id, name, description, is_platform, steps::text, sending_window::text, created_at, updated_at, track_opens, track_clicks
            """,
            id, request.Name!.Trim(), request.Description, Steps(request), Window(request), clock.GetUtcNow(),
            request.TrackOpens ?? true, request.TrackClicks ?? true);
        try
        {
            await using var reader = await command.ExecuteReaderAsync(ct);
            return await reader.ReadAsync(ct) ? TypedResults.Ok(Read(reader)) : Problems.NotFound($"Template {id} was not found.");
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            // Platform template names are unique (an admin renaming one to another's name).
            return Problems.Conflict($"A platform template named '{request.Name.Trim()}' already exists.");
        }
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(
        long id, ClaimsPrincipal principal, NpgsqlDataSource db, CancellationToken ct)
    {
        if (await AccessAsync(id, principal, db, ct) is { } refused)
        {
            return refused;
        }

        await using var command = db.Command("DELETE FROM sequence_templates WHERE id = $1", id);
        await command.ExecuteNonQueryAsync(ct);
        return TypedResults.NoContent();
    }

    /// <summary>Own templates: yes. Platform ones: admins only (403). Another user's: 404, as if it did not exist.</summary>
    private static async Task<ProblemHttpResult?> AccessAsync(
        long id, ClaimsPrincipal principal, NpgsqlDataSource db, CancellationToken ct)
    {
        await using var command = db.Command(
            "SELECT is_platform FROM sequence_templates WHERE id = $1 AND (is_platform OR user_id = $2)", id, principal.GetUserId());
        return await command.ExecuteScalarAsync(ct) switch
        {
            null => Problems.NotFound($"Template {id} was not found."),
            true when !principal.IsAdmin() =>
                TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden",
                    detail: "Platform templates can only be changed by admins."),
            _ => null,
        };
    }

    private static string Steps(TemplateRequest request) =>
        JsonSerializer.Serialize(request.Steps!.Select(s => new TemplateStepDto(s.StepNo, s.DelayHours, s.Subject ?? "", s.Body)), Json);

    private static string? Window(TemplateRequest request) =>
        request.SendingWindow is null ? null : JsonSerializer.Serialize(request.SendingWindow, Json);

    private static TemplateResponse Read(DbDataReader reader) => new(
        reader.GetInt64(0),
        reader.GetString(1),
        reader.GetStringOrNull(2),
        reader.GetBoolean(3),
        JsonSerializer.Deserialize<List<TemplateStepDto>>(reader.GetString(4), Json)!,
        reader.IsDBNull(5) ? null : JsonSerializer.Deserialize<SendingWindowDto>(reader.GetString(5), Json),
        reader.GetTime(6),
        reader.GetTime(7),
        reader.GetBoolean(8),
        reader.GetBoolean(9));
}
