using RoleFerry.Api.Jobs;

namespace RoleFerry.Api.Matching;

/// <summary>
/// The jobs <c>GET /api/jobs/matched</c> scores: the most recent unexpired ones, minus the user's hidden companies
/// ($1 now, $2 user, $3 limit; <c>jobs_recency_idx</c> serves the order).
/// </summary>
public static class MatchCandidatesQuery
{
    public const string Sql =
        $"""
        SELECT {JobRows.Columns}
        FROM jobs j JOIN companies c ON c.id = j.company_id
        WHERE (j.expires_at IS NULL OR j.expires_at > $1)
          AND NOT EXISTS (
              SELECT 1 FROM job_preferences p
              WHERE p.user_id = $2
                AND (lower(btrim(c.name)) = ANY (p.hidden_companies) OR c.domain_normalized = ANY (p.hidden_companies)))
        ORDER BY coalesce(j.posted_date, j.created_at) DESC, j.id DESC
        LIMIT $3
        """;
}
