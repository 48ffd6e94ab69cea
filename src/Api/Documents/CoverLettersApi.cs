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
/// Cover letters: <c>POST /api/applications/{id}/cover-letters</c> renders a template with the application's
/// <see cref="CoverLetterVariables"/> (a variable the list does not have → 400 naming it) and makes the letter the
/// application's; <c>GET</c>/<c>PATCH /api/cover-letters/{id}</c> read and edit it; <c>/document</c> is it as Word.
/// </summary>
public static class CoverLettersApi
{
    private const string Columns = "id, application_id, template_id, body, created_at, updated_at";

    public static IEndpointRouteBuilder MapCoverLettersApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/api/applications/{id:long}/cover-letters", CreateAsync)
            .WithTags("Documents").WithName("CreateCoverLetter")
            .WithSummary("A cover letter for this application from a template (default: the platform's \"Cover Letter Default\").")
            .RequireAuthorization().ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        var letters = endpoints.MapGroup("/api/cover-letters/{id:long}").WithTags("Documents").RequireAuthorization()
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status404NotFound);
        letters.MapGet("", GetAsync).WithName("GetCoverLetter").WithSummary("One of your cover letters.");
        letters.MapPatch("", UpdateAsync).WithName("UpdateCoverLetter").WithSummary("Replaces the letter's text with your edit.")
            .ProducesValidationProblem();
        letters.MapGet("/document", DocumentAsync).WithName("GetCoverLetterDocument").WithSummary("The cover letter as a Word document (.docx).")
            .Produces(StatusCodes.Status200OK, contentType: WordDocuments.ContentType);
        return endpoints;
    }

    internal static async Task<Results<Created<CoverLetterResponse>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        long id, CreateCoverLetterRequest? request, ClaimsPrincipal principal, NpgsqlDataSource db, TimeProvider clock, CancellationToken ct)
    {
        var userId = principal.GetUserId();
        if (await ApplicationDocumentsContext.LoadAsync(db, userId, id, ct) is not { } context)
        {
            return Problems.NotFound($"Application {id} does not exist.");
        }

        var template = request?.TemplateId is { } templateId
            ? await CoverLetterTemplatesApi.FindAsync(db, templateId, userId, ct)
            : await CoverLetterTemplatesApi.DefaultAsync(db, ct);
        if (template is null)
        {
            return Problems.Validation("templateId", $"Cover-letter template {request!.TemplateId} does not exist.");
        }

        if (CoverLetterVariables.Unknown(template.Body) is { Count: > 0 } unknown)
        {
            var names = string.Join(", ", unknown.Select(v => "{{" + v + "}}"));
            return Problems.Validation("templateId",
                $"The template uses {names}, which a cover letter cannot fill; its variables are {string.Join(", ", CoverLetterVariables.Names)}.");
        }

        var body = CoverLetterVariables.Render(template.Body, await CoverLetterVariables.ForAsync(db, userId, context, ct));
        await using var command = db.Command(
            $"""
            WITH letter AS (
                INSERT INTO cover_letters (user_id, application_id, template_id, body, created_at, updated_at)
                VALUES ($1, $2, $3, $4, $5, $5)
                RETURNING {Columns}
            ), application AS (
                UPDATE applications SET cover_letter_id = (SELECT id FROM letter), updated_at = $5 WHERE id = $2
            )
            SELECT {Columns} FROM letter
            """,
            userId, id, template.Id, body, clock.GetUtcNow());
        var letter = (await command.ReadFirstAsync(Read, ct))!;
        return TypedResults.Created($"/api/cover-letters/{letter.Id}", letter);
    }

    internal static async Task<Results<Ok<CoverLetterResponse>, ProblemHttpResult>> GetAsync(
        long id, ClaimsPrincipal principal, NpgsqlDataSource db, CancellationToken ct) =>
        await FindAsync(db, id, principal.GetUserId(), ct) is { } letter ? TypedResults.Ok(letter) : NotFound(id);

    internal static async Task<Results<Ok<CoverLetterResponse>, ValidationProblem, ProblemHttpResult>> UpdateAsync(
        long id, UpdateCoverLetterRequest request, ClaimsPrincipal principal, NpgsqlDataSource db, TimeProvider clock, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        errors.Required(request.Body, "body", CoverLetterTemplateRequest.MaxBodyLength);
        if (!errors.IsEmpty)
        {
            return Problems.Validation(errors);
        }

        await using var command = db.Command(
            $"UPDATE cover_letters SET body = $3, updated_at = $4 WHERE id = $1 AND user_id = $2 RETURNING {Columns}",
            id, principal.GetUserId(), request.Body!, clock.GetUtcNow());
        return await command.ReadFirstAsync(Read, ct) is { } letter ? TypedResults.Ok(letter) : NotFound(id);
    }

    internal static async Task<Results<FileContentHttpResult, ProblemHttpResult>> DocumentAsync(
        long id, ClaimsPrincipal principal, NpgsqlDataSource db, CancellationToken ct)
    {
        var userId = principal.GetUserId();
        if (await FindAsync(db, id, userId, ct) is not { } letter
            || await ApplicationDocumentsContext.LoadAsync(db, userId, letter.ApplicationId, ct) is not { } context)
        {
            return NotFound(id);
        }

        return TypedResults.File(WordDocuments.CoverLetter(context, letter.Body), WordDocuments.ContentType,
            WordDocuments.FileName(context.FullName, "Cover Letter", context.Job.Company.Name));
    }

    private static async Task<CoverLetterResponse?> FindAsync(NpgsqlDataSource db, long id, long userId, CancellationToken ct)
    {
        await using var command = db.Command($"SELECT {Columns} FROM cover_letters WHERE id = $1 AND user_id = $2", id, userId);
        return await command.ReadFirstAsync(Read, ct);
    }

    private static ProblemHttpResult NotFound(long id) => Problems.NotFound($"Cover letter {id} does not exist.");

    private static CoverLetterResponse Read(DbDataReader reader) => new(
        reader.GetInt64(0), reader.GetInt64(1), reader.GetOrNull<long>(2), reader.GetString(3),
        reader.GetFieldValue<DateTimeOffset>(4), reader.GetFieldValue<DateTimeOffset>(5));
}
