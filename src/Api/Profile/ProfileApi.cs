using System.Data.Common;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;
using RoleFerry.Api.Infrastructure;

namespace RoleFerry.Api.Profile;

/// <summary><c>/api/me/resume</c> and <c>/api/me/preferences</c>: one of each per user, replaced by PUT.</summary>
public static class ProfileApi
{
    public static IEndpointRouteBuilder MapProfileApi(this IEndpointRouteBuilder endpoints)
    {
        var me = endpoints.MapGroup("/api/me").WithTags("Profile").RequireAuthorization()
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        me.MapPut("/resume", PutResumeAsync).WithName("PutResume").WithSummary("Replaces your resume.").ProducesValidationProblem();
        me.MapGet("/resume", GetResumeAsync).WithName("GetResume").WithSummary("Your resume (404 before the first PUT or upload).").ProducesProblem(StatusCodes.Status404NotFound);
        me.MapPut("/preferences", PutPreferencesAsync).WithName("PutPreferences").WithSummary("Replaces your job preferences (matching reads them).").ProducesValidationProblem();
        me.MapGet("/preferences", GetPreferencesAsync).WithName("GetPreferences").WithSummary("Your job preferences (404 before the first PUT).").ProducesProblem(StatusCodes.Status404NotFound);
        return endpoints;
    }

    internal static async Task<Results<Ok<ResumeResponse>, ValidationProblem>> PutResumeAsync(
        ResumeRequest request, ClaimsPrincipal principal, NpgsqlDataSource db, TimeProvider clock, CancellationToken ct)
    {
        var errors = request.Validate();
        if (!errors.IsEmpty)
        {
            return Problems.Validation(errors);
        }

        var userId = principal.GetUserId();
        await Resumes.SaveAsync(db, userId, request.ToContent(), clock.GetUtcNow(), ct);
        return TypedResults.Ok((await Resumes.ReadAsync(db, userId, ct))!);
    }

    internal static async Task<Results<Ok<ResumeResponse>, ProblemHttpResult>> GetResumeAsync(
        ClaimsPrincipal principal, NpgsqlDataSource db, CancellationToken ct) =>
        await Resumes.ReadAsync(db, principal.GetUserId(), ct) is { } resume
            ? TypedResults.Ok(resume)
            : Problems.NotFound("No resume yet; PUT /api/me/resume or upload a file to POST /api/me/resume/file first.");

    internal static async Task<Results<Ok<PreferencesResponse>, ValidationProblem>> PutPreferencesAsync(
        PreferencesRequest request, ClaimsPrincipal principal, NpgsqlDataSource db, TimeProvider clock, CancellationToken ct)
    {
        var errors = request.Validate();
        if (!errors.IsEmpty)
        {
            return Problems.Validation(errors);
        }

        await using var command = db.Command(
            """
            INSERT INTO job_preferences (user_id, work_values, role_types, locations, remote_ok, role_levels, company_sizes,
                                         industries, skills, hidden_companies, min_salary, max_salary, created_at, updated_at)
            VALUES ($1, $2, $3, $4, $5::boolean, $6, $7, $8, $9, $10, $11::integer, $12::integer, $13, $13)
            ON CONFLICT (user_id) DO UPDATE SET
                work_values = EXCLUDED.work_values, role_types = EXCLUDED.role_types, locations = EXCLUDED.locations,
                remote_ok = EXCLUDED.remote_ok, role_levels = EXCLUDED.role_levels, company_sizes = EXCLUDED.company_sizes,
                industries = EXCLUDED.industries, skills = EXCLUDED.skills, hidden_companies = EXCLUDED.hidden_companies,
                min_salary = EXCLUDED.min_salary, max_salary = EXCLUDED.max_salary, updated_at = EXCLUDED.updated_at
            RETURNING work_values, role_types, locations, remote_ok, role_levels, company_sizes, industries, skills,
                      hidden_companies, min_salary, max_salary, updated_at
            """,
            principal.GetUserId(),
            TextLists.Clean(request.Values),
            TextLists.Clean(request.RoleTypes),
            TextLists.Clean(request.Locations),
            request.RemoteOk,
            TextLists.Clean(request.RoleLevels),
            TextLists.Clean(request.CompanySizes),
            TextLists.Clean(request.Industries),
            TextLists.Clean(request.Skills),
            TextLists.CompanyKeys(request.HiddenCompanies),
            request.MinSalary,
            request.MaxSalary,
            clock.GetUtcNow());
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return TypedResults.Ok(ReadPreferences(reader));
    }

    internal static async Task<Results<Ok<PreferencesResponse>, ProblemHttpResult>> GetPreferencesAsync(
        ClaimsPrincipal principal, NpgsqlDataSource db, CancellationToken ct)
    {
        await using var command = db.Command(
            """
            SELECT work_values, role_types, locations, remote_ok, role_levels, company_sizes, industries, skills,
                   hidden_companies, min_salary, max_salary, updated_at
            FROM job_preferences WHERE user_id = $1
            """,
            principal.GetUserId());
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct)
            ? TypedResults.Ok(ReadPreferences(reader))
            : Problems.NotFound("No preferences yet; PUT /api/me/preferences first.");
    }

    private static PreferencesResponse ReadPreferences(DbDataReader reader) => new(
        reader.Get<string[]>("work_values"),
        reader.Get<string[]>("role_types"),
        reader.Get<string[]>("locations"),
        reader.GetOrNull<bool>("remote_ok"),
        reader.Get<string[]>("role_levels"),
        reader.Get<string[]>("company_sizes"),
        reader.Get<string[]>("industries"),
        reader.Get<string[]>("skills"),
        reader.Get<string[]>("hidden_companies"),
        reader.GetOrNull<int>("min_salary"),
        reader.GetOrNull<int>("max_salary"),
        reader.Get<DateTimeOffset>("updated_at"));
}
