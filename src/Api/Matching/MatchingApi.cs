using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using Npgsql;
using RoleFerry.Api.Infrastructure;
using RoleFerry.Api.Jobs;

namespace RoleFerry.Api.Matching;

/// <summary><c>GET /api/jobs/matched</c>: the caller's jobs scored by <see cref="MatchScorer"/>.</summary>
public static class MatchingApi
{
    public static IEndpointRouteBuilder MapMatchingApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/jobs/matched", GetMatchedAsync)
            .WithTags("Jobs")
            .WithName("GetMatchedJobs")
            .WithSummary("Unexpired jobs outside the hidden companies, by match score then posting date (both descending).")
            .RequireAuthorization()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesValidationProblem();
        return endpoints;
    }

    /// <summary>
    /// Scores the <see cref="ApiOptions.MatchCandidateLimit"/> most recently posted unexpired jobs that are not
    /// hidden (company name or normalized domain listed in hiddenCompanies), then sorts and pages them.
    /// </summary>
    internal static async Task<Results<Ok<PagedResponse<MatchedJobResponse>>, ValidationProblem>> GetMatchedAsync(
        ClaimsPrincipal principal,
        NpgsqlDataSource db,
        TimeProvider clock,
        IOptions<ApiOptions> options,
        CancellationToken ct,
        int? page = null,
        int? pageSize = null)
    {
        var errors = new ValidationErrors();
        var paging = PageRequest.From(page, pageSize, errors);
        if (paging is null)
        {
            return Problems.Validation(errors);
        }

        var userId = principal.GetUserId();
        var now = clock.GetUtcNow();
        var profile = new ProfileTerms(await MatchProfiles.LoadAsync(db, userId, ct));
        var candidates = new List<JobResponse>();
        await using (var command = db.Command(
            MatchCandidatesQuery.Sql,
            now, userId, options.Value.MatchCandidateLimit))
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                candidates.Add(JobRows.Read(reader));
            }
        }

        var ranked = candidates
            .Select(job => (Job: job, Match: MatchScorer.Score(profile, MatchJob.From(job), now)))
            .OrderByDescending(x => x.Match.Score)
            .ThenByDescending(x => x.Job.PostedDate ?? x.Job.CreatedAt)
            .ThenByDescending(x => x.Job.Id)
            .ToArray();
        var items = ranked
            .Skip((int)Math.Min(paging.Offset, int.MaxValue))
            .Take(paging.PageSize)
            .Select(x => new MatchedJobResponse(x.Job, x.Match.Score, x.Match.Category, x.Match.MatchedSkills, x.Match.MissingSkills))
            .ToArray();
        return TypedResults.Ok(paging.Answer(items, ranked.Length));
    }
}
