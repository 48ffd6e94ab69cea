using Npgsql;
using RoleFerry.Api.Infrastructure;

namespace RoleFerry.Api.Accounts;

/// <summary>The caller's account as <c>GET /api/me</c> shows it.</summary>
public static class MeRows
{
    public static async Task<MeResponse?> FindAsync(NpgsqlDataSource db, long userId, CancellationToken ct)
    {
        await using var command = db.Command(
            """
            SELECT id, email, full_name, mode, subscription_tier, credits_remaining, timezone, created_at, is_admin
            FROM users WHERE id = $1
            """,
            userId);
        await using var reader = await command.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct))
        {
            return null;
        }

        var email = reader.Get<string>("email");
        return new MeResponse(
            reader.Get<long>("id"),
            email,
            reader.Get<string>("full_name"),
            reader.Get<string>("mode"),
            reader.Get<string>("subscription_tier"),
            reader.Get<int>("credits_remaining"),
            reader.Get<bool>("is_admin"),
            reader.Get<string>("timezone"),
            reader.Get<DateTimeOffset>("created_at"));
    }
}
