using System.Data.Common;
using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;
using RoleFerry.Api.Infrastructure;

namespace RoleFerry.Api.Documents;

/// <summary>
/// <c>/api/cover-letter-templates</c>: the platform's templates (read-only: 403 on change) and the caller's own;
/// another user's template is 404.
/// </summary>
public static class CoverLetterTemplatesApi
{
    public const string DefaultTemplateName = "Cover Letter Default";

    private const string Columns = "id, name, body, is_platform, created_at, updated_at";

    public static IEndpointRouteBuilder MapCoverLetterTemplatesApi(this IEndpointRouteBuilder endpoints)
    {
        var templates = endpoints.MapGroup("/api/cover-letter-templates").WithTags("Documents").RequireAuthorization()
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        templates.MapGet("", ListAsync).WithName("ListCoverLetterTemplates").WithSummary("The platform's cover-letter templates, then your own.")
            .ProducesValidationProblem();
        templates.MapGet("/{id:long}", GetAsync).WithName("GetCoverLetterTemplate").WithSummary("One cover-letter template.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        templates.MapPost("", CreateAsync).WithName("CreateCoverLetterTemplate")
            .WithSummary("Creates one of your cover-letter templates ({name, body} with any {{variables}}).").ProducesValidationProblem();
        templates.MapPut("/{id:long}", UpdateAsync).WithName("UpdateCoverLetterTemplate").WithSummary("Replaces one of your cover-letter templates.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        templates.MapDelete("/{id:long}", DeleteAsync).WithName("DeleteCoverLetterTemplate").WithSummary("Deletes one of your cover-letter templates.")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        return endpoints;
    }

    internal static async Task<Results<Ok<PagedResponse<CoverLetterTemplateResponse>>, ValidationProblem>> ListAsync(
        ClaimsPrincipal principal, NpgsqlDataSource db, CancellationToken ct, int? page = null, int? pageSize = null)
    {
        var errors = new ValidationErrors();
        if (PageRequest.From(page, pageSize, errors) is not { } paging)
        {
            return Problems.Validation(errors);
        }

        var me = principal.GetUserId();
        return TypedResults.Ok(await PageQuery.ReadAsync(db, paging,
            Sql.BatchCommand("SELECT count(*) FROM cover_letter_templates WHERE is_platform OR user_id = $1", me),
            Sql.BatchCommand(
                $"""
                SELECT {Columns} FROM cover_letter_templates WHERE is_platform OR user_id = $1
                ORDER BY is_platform DESC, id LIMIT $2 OFFSET $3
                """, me, paging.PageSize, paging.Offset),
            Read, ct));
    }

    internal static async Task<Results<Ok<CoverLetterTemplateResponse>, ProblemHttpResult>> GetAsync(
        long id, ClaimsPrincipal principal, NpgsqlDataSource db, CancellationToken ct) =>
        await FindAsync(db, id, principal.GetUserId(), ct) is { } template ? TypedResults.Ok(template) : NotFound(id);

    internal static async Task<Results<Created<CoverLetterTemplateResponse>, ValidationProblem>> CreateAsync(
        CoverLetterTemplateRequest request, ClaimsPrincipal principal, NpgsqlDataSource db, TimeProvider clock, CancellationToken ct)
    {
        var errors = request.Validate();
        if (!errors.IsEmpty)
        {
            return Problems.Validation(errors);
        }

        await using var command = db.Command(
            $"""
            INSERT INTO cover_letter_templates (user_id, is_platform, name, body, created_at, updated_at)
            VALUES ($1, false, $2, $3, $4, $4)
            RETURNING {Columns}
            """,
            principal.GetUserId(), request.Name!.Trim(), request.Body!, clock.GetUtcNow());
        var template = (await command.ReadFirstAsync(Read, ct))!;
        return TypedResults.Created($"/api/cover-letter-templates/{template.Id}", template);
    }

    internal static async Task<Results<Ok<CoverLetterTemplateResponse>, ValidationProblem, ProblemHttpResult>> UpdateAsync(
        long id, CoverLetterTemplateRequest request, ClaimsPrincipal principal, NpgsqlDataSource db, TimeProvider clock, CancellationToken ct)
    {
        var errors = request.Validate();
        if (!errors.IsEmpty)
        {
            return Problems.Validation(errors);
        }

        var userId = principal.GetUserId();
        if (await Refusal(db, id, userId, ct) is { } refused)
        {
            return refused;
        }

        await using var command = db.Command(
            $"""
            UPDATE cover_letter_templates SET name = $3, body = $4, updated_at = $5
            WHERE id = $1 AND user_id = $2
            RETURNING {Columns}
            """,
            id, userId, request.Name!.Trim(), request.Body!, clock.GetUtcNow());
        return await command.ReadFirstAsync(Read, ct) is { } template ? TypedResults.Ok(template) : NotFound(id);
    }

    internal static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(
        long id, ClaimsPrincipal principal, NpgsqlDataSource db, CancellationToken ct)
    {
        var userId = principal.GetUserId();
        if (await Refusal(db, id, userId, ct) is { } refused)
        {
            return refused;
        }

        return await db.ExecuteAsync("DELETE FROM cover_letter_templates WHERE id = $1 AND user_id = $2", id, userId) == 1
            ? TypedResults.NoContent()
            : NotFound(id);
    }

    /// <summary>The platform's template or the caller's own, else null.</summary>
    public static async Task<CoverLetterTemplateResponse?> FindAsync(NpgsqlDataSource db, long id, long userId, CancellationToken ct)
    {
        await using var command = db.Command(
            $"SELECT {Columns} FROM cover_letter_templates WHERE id = $1 AND (is_platform OR user_id = $2)", id, userId);
        return await command.ReadFirstAsync(Read, ct);
    }

    /// <summary>The platform's "Cover Letter Default".</summary>
    public static async Task<CoverLetterTemplateResponse> DefaultAsync(NpgsqlDataSource db, CancellationToken ct)
    {
        await using var command = db.Command($"SELECT {Columns} FROM cover_letter_templates WHERE is_platform AND name = $1", DefaultTemplateName);
        return (await command.ReadFirstAsync(Read, ct))!;
    }

    /// <summary>403 for a platform template, 404 for one that is not the caller's.</summary>
    private static async Task<ProblemHttpResult?> Refusal(NpgsqlDataSource db, long id, long userId, CancellationToken ct) =>
        await FindAsync(db, id, userId, ct) switch
        {
            null => NotFound(id),
            { IsPlatform: true } => TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden",
                detail: "Platform templates cannot be changed; copy it into a template of your own."),
            _ => null,
        };

    private static ProblemHttpResult NotFound(long id) => Problems.NotFound($"Cover-letter template {id} does not exist.");

    private static CoverLetterTemplateResponse Read(DbDataReader reader) => new(
        reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetBoolean(3),
        reader.GetFieldValue<DateTimeOffset>(4), reader.GetFieldValue<DateTimeOffset>(5));
}
