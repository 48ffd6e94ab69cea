using Npgsql;

namespace RoleFerry.Grains.Mailboxes;

/// <summary>The id of a mailbox's sending domain, its row created when it is new (in the caller's transaction).</summary>
internal static class DomainUpsert
{
    public static async Task<long> IdOfAsync(NpgsqlConnection connection, string domain, DateTimeOffset now) =>
        (long)(await connection.ScalarAsync(
            """
            INSERT INTO domains (domain, created_at) VALUES ($1, $2)
            ON CONFLICT (domain) DO UPDATE SET domain = excluded.domain
            RETURNING id
            """,
            domain, now).ConfigureAwait(false))!;
}
