using System.Data.Common;
using Npgsql;
using RoleFerry.Api.Infrastructure;

namespace RoleFerry.Api.Applications;

/// <summary>The tracker row: its SQL (alias <c>a</c> for applications) and its mapping.</summary>
public static class ApplicationRows
{
    /// <summary>The columns in the order <see cref="Read"/> takes them by position.</summary>
    public const string SelectFrom =
        """
        SELECT a.id, a.job_id, a.status, a.match_score, a.notes, a.applied_at, a.last_action_at, a.reply_status, a.created_at,
               j.title AS job_title, j.location AS job_location, c.id AS company_id, c.name AS company_name,
               (SELECT count(*) FROM outreach o
                WHERE o.application_id = a.id AND o.status IN ('sent', 'delivered', 'bounced', 'replied')) AS outreach_sent,
               (SELECT count(*) FROM outreach o WHERE o.application_id = a.id AND o.status = 'replied') AS outreach_replied
        FROM applications a
        JOIN jobs j ON j.id = a.job_id
        JOIN companies c ON c.id = j.company_id
        """;

    /// <summary>How many tracker rows the user has ($1 user, $2 status or null).</summary>
    public const string CountOfUser =
        """
        SELECT count(*) FROM applications a
        WHERE a.user_id = $1 AND a.deleted_at IS NULL AND ($2::text IS NULL OR a.status = $2)
        """;

    /// <summary>One page of the user's tracker, latest action first ($1 user, $2 status or null, $3 limit, $4 offset).</summary>
    public const string PageOfUser =
        $"""
        {SelectFrom}
        WHERE a.user_id = $1 AND a.deleted_at IS NULL AND ($2::text IS NULL OR a.status = $2)
        ORDER BY a.last_action_at DESC, a.id DESC
        LIMIT $3 OFFSET $4
        """;

    /// <summary>The caller's application, unless it is someone else's or deleted.</summary>
    public static async Task<ApplicationResponse?> FindAsync(NpgsqlDataSource db, long id, long userId, CancellationToken ct)
    {
        await using var command = db.Command(
            $"""
            {SelectFrom}
            WHERE a.id = $1 AND a.user_id = $2 AND a.deleted_at IS NULL
            """,
            id, userId);
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? Read(reader) : null;
    }

    /// <summary>Maps a row of <see cref="SelectFrom"/> by position: the tracker list reads 50 of them per request.</summary>
    public static ApplicationResponse Read(DbDataReader reader) => new(
        reader.GetInt64(0),
        reader.GetInt64(1),
        reader.GetString(2),
        reader.GetOrNull<short>(3),
        reader.GetStringOrNull(4),
        reader.GetOrNull<DateTimeOffset>(5),
        reader.GetFieldValue<DateTimeOffset>(6),
        reader.GetString(7),
        reader.GetFieldValue<DateTimeOffset>(8),
        new ApplicationJob(reader.GetInt64(1), reader.GetString(9), reader.GetStringOrNull(10)),
        new ApplicationCompany(reader.GetInt64(11), reader.GetString(12)),
        reader.GetInt64(13),
        reader.GetInt64(14));
}
