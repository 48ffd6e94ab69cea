using System.Data.Common;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;
using RoleFerry.Api.Infrastructure;

namespace RoleFerry.Api.Documents;

/// <summary>
/// Resume versions: <c>POST /api/applications/{id}/resume-versions</c> arranges the caller's resume for the
/// application's job (<see cref="ResumeTailor"/>) and makes it the application's; <c>GET</c>/<c>PATCH
/// /api/resume-versions/{id}</c> read and edit it (edits are kept: a new version never overwrites one);
/// <c>GET /api/resume-versions/{id}/document</c> is it as a Word document.
/// </summary>
public static class ResumeVersionsApi
{
    private const string Columns = "id, application_id, created_at, updated_at, summary, skills, matched_skills, missing_skills, roles::text, highlights";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static IEndpointRouteBuilder MapResumeVersionsApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/api/applications/{id:long}/resume-versions", CreateAsync)
            .WithTags("Documents").WithName("CreateResumeVersion")
            .WithSummary("Your resume arranged for this application's job (409 before you have a resume).")
            .RequireAuthorization().ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        var versions = endpoints.MapGroup("/api/resume-versions/{id:long}").WithTags("Documents").RequireAuthorization()
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status404NotFound);
        versions.MapGet("", GetAsync).WithName("GetResumeVersion").WithSummary("One of your resume versions.");
        versions.MapPatch("", UpdateAsync).WithName("UpdateResumeVersion")
            .WithSummary("Edits a resume version (summary, skills, roles); absent fields stay.").ProducesValidationProblem();
        versions.MapGet("/document", DocumentAsync).WithName("GetResumeVersionDocument")
            .WithSummary("The resume version as a Word document (.docx).")
            .Produces(StatusCodes.Status200OK, contentType: WordDocuments.ContentType);
        return endpoints;
    }

    internal static async Task<Results<Created<ResumeVersionResponse>, ProblemHttpResult>> CreateAsync(
        long id, ClaimsPrincipal principal, NpgsqlDataSource db, TimeProvider clock, CancellationToken ct)
    {
        var userId = principal.GetUserId();
        if (await ApplicationDocumentsContext.LoadAsync(db, userId, id, ct) is not { } context)
        {
            return Problems.NotFound($"Application {id} does not exist.");
        }

        if (context.Resume is null)
        {
            return Problems.Conflict("You have no resume yet: upload one to POST /api/me/resume/file or PUT /api/me/resume.");
        }

        var tailored = ResumeTailor.Tailor(context.Resume, context.Job);
        await using var command = db.Command(
            $"""
            WITH version AS (
                INSERT INTO resume_versions (user_id, application_id, summary, skills, matched_skills, missing_skills, roles, highlights,
                                             created_at, updated_at)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9)
                RETURNING {Columns}
            ), application AS (
                UPDATE applications SET resume_version_id = (SELECT id FROM version), updated_at = $9 WHERE id = $2
            )
            SELECT {Columns} FROM version
            """,
            userId, id, tailored.Summary, Sql.TextArray(tailored.Skills.ToArray()), Sql.TextArray(tailored.MatchedSkills.ToArray()),
            Sql.TextArray(tailored.MissingSkills.ToArray()), Sql.Jsonb(JsonSerializer.Serialize(tailored.Roles, Json)),
            Sql.TextArray(tailored.Highlights.ToArray()), clock.GetUtcNow());
        var version = (await command.ReadFirstAsync(Read, ct))!;
        return TypedResults.Created($"/api/resume-versions/{version.Id}", version);
    }

    internal static async Task<Results<Ok<ResumeVersionResponse>, ProblemHttpResult>> GetAsync(
        long id, ClaimsPrincipal principal, NpgsqlDataSource db, CancellationToken ct) =>
        await FindAsync(db, id, principal.GetUserId(), ct) is { } version ? TypedResults.Ok(version) : NotFound(id);

    internal static async Task<Results<Ok<ResumeVersionResponse>, ValidationProblem, ProblemHttpResult>> UpdateAsync(
        long id, ResumeVersionRequest request, ClaimsPrincipal principal, NpgsqlDataSource db, TimeProvider clock, CancellationToken ct)
    {
        var errors = request.Validate();
        if (!errors.IsEmpty)
        {
            return Problems.Validation(errors);
        }

        var roles = request.Roles?.Select(r => new VersionRole(
            Text.OrNull(r!.Title), Text.OrNull(r.Company), Text.OrNull(r.Tenure), (r.Bullets ?? []).Select(b => b.Trim()).Where(b => b.Length > 0).ToArray()));
        await using var command = db.Command(
            $"""
            UPDATE resume_versions SET
                summary = coalesce($3::text, summary),
                skills = coalesce($4::text[], skills),
                roles = coalesce($5::jsonb, roles),
                updated_at = $6
            WHERE id = $1 AND user_id = $2
            RETURNING {Columns}
            """,
            id, principal.GetUserId(), request.Summary?.Trim(),
            request.Skills is null ? Sql.Parameter(null) : Sql.TextArray(Profile.TextLists.Clean(request.Skills)),
            roles is null ? Sql.Parameter(null) : Sql.Jsonb(JsonSerializer.Serialize(roles, Json)),
            clock.GetUtcNow());
        return await command.ReadFirstAsync(Read, ct) is { } version ? TypedResults.Ok(version) : NotFound(id);
    }

    internal static async Task<Results<FileContentHttpResult, ProblemHttpResult>> DocumentAsync(
        long id, ClaimsPrincipal principal, NpgsqlDataSource db, CancellationToken ct)
    {
        var userId = principal.GetUserId();
        if (await FindAsync(db, id, userId, ct) is not { } version
            || await ApplicationDocumentsContext.LoadAsync(db, userId, version.ApplicationId, ct) is not { } context)
        {
            return NotFound(id);
        }

        var document = WordDocuments.Resume(context, version);
        return TypedResults.File(document, WordDocuments.ContentType, WordDocuments.FileName(context.FullName, "Resume", context.Job.Company.Name));
    }

    private static async Task<ResumeVersionResponse?> FindAsync(NpgsqlDataSource db, long id, long userId, CancellationToken ct)
    {
        await using var command = db.Command($"SELECT {Columns} FROM resume_versions WHERE id = $1 AND user_id = $2", id, userId);
        return await command.ReadFirstAsync(Read, ct);
    }

    private static ProblemHttpResult NotFound(long id) => Problems.NotFound($"Resume version {id} does not exist.");

    private static ResumeVersionResponse Read(DbDataReader reader) => new(
        reader.GetInt64(0),
        reader.GetInt64(1),
        reader.GetFieldValue<DateTimeOffset>(2),
        reader.GetFieldValue<DateTimeOffset>(3),
        reader.GetString(4),
        reader.GetFieldValue<string[]>(5),
        reader.GetFieldValue<string[]>(6),
        reader.GetFieldValue<string[]>(7),
        JsonSerializer.Deserialize<VersionRole[]>(reader.GetString(8), Json) ?? [],
        reader.GetFieldValue<string[]>(9));
}
