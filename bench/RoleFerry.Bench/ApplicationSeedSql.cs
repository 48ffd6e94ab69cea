namespace RoleFerry.Bench;

/// <summary>
/// The set-based SQL seeding the applications of section (5): the measured user's applications on evenly spread
/// jobs, then other users (who never log in) owning the rest of the table, 100 applications each on a contiguous
/// block of jobs, so (user_id, job_id) stays unique (applications_user_job_key).
/// </summary>
public static class ApplicationSeedSql
{
    /// <summary>The seeded jobs numbered 0..n-1 (by g), as the statements below pick them.</summary>
    private const string SeededJobs =
        """
        seeded AS (SELECT id, substring(external_id FROM 7)::int AS n FROM jobs WHERE external_id LIKE 'bench-%')
        """;

    /// <summary>$1 = user id, $2 = applications, $3 = seeded jobs.</summary>
    public const string Mine =
        $"""
        WITH {SeededJobs}
        INSERT INTO applications (user_id, job_id, status, match_score, notes, applied_at, last_action_at, reply_status, created_at, updated_at)
        SELECT $1, s.id,
               (ARRAY['saved', 'applied', 'applied', 'interviewing', 'offer', 'rejected'])[1 + k % 6],
               (k * 37) % 101,
               CASE WHEN k % 4 = 0 THEN 'Referred by a former colleague; follow up after the first call.' END,
               CASE WHEN k % 6 > 0 THEN now() - make_interval(hours => k * 3) END,
               now() - make_interval(mins => (k * 7919) % (60 * 24 * 60)),
               (ARRAY['none', 'none', 'none', 'replied', 'auto_replied', 'bounced'])[1 + k % 6],
               now() - make_interval(hours => k * 3),
               now()
        FROM generate_series(0, $2 - 1) AS k
        JOIN seeded s ON s.n = (k * ($3 / $2))
        """;

    /// <summary>$1 = other users to create.</summary>
    public const string OtherUsers =
        """
        INSERT INTO users (email, password_hash, full_name, mode, subscription_tier)
        SELECT 'seeker' || g || '@bench.example', 'not-a-hash', 'Seeker ' || g, 'job_seeker', 'free'
        FROM generate_series(1, $1) AS g
        """;

    /// <summary>$1 = applications wanted in the whole table, $2 = seeded jobs.</summary>
    public const string Others =
        $"""
        WITH {SeededJobs},
        others AS (SELECT id, row_number() OVER (ORDER BY id) - 1 AS u FROM users WHERE email LIKE 'seeker%@bench.example'),
        wanted AS (SELECT greatest($1 - (SELECT count(*) FROM applications), 0) AS rows)
        INSERT INTO applications (user_id, job_id, status, match_score, applied_at, last_action_at, created_at, updated_at)
        SELECT o.id, s.id,
               (ARRAY['saved', 'applied', 'interviewing', 'rejected'])[1 + (r % 4)::int],
               (r * 13) % 101,
               now() - make_interval(hours => (r % 2000)::int),
               now() - make_interval(mins => ((r * 7919) % (60 * 24 * 60))::int),
               now() - make_interval(hours => (r % 2000)::int),
               now()
        FROM wanted CROSS JOIN LATERAL generate_series(0::bigint, wanted.rows - 1) AS r
        JOIN others o ON o.u = r / 100
        JOIN seeded s ON s.n = (o.u * 7919 + r % 100) % $2
        """;
}
