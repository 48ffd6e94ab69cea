using Npgsql;

namespace RoleFerry.Api.Infrastructure;

/// <summary>
/// What the API accepts as a time zone: an IANA name (<c>Europe/Paris</c>, <c>UTC</c>) that both .NET (sending
/// windows) and PostgreSQL (<c>AT TIME ZONE</c> in analytics and notifications) know.
/// </summary>
public static class TimeZoneRules
{
    public const int MaxLength = 64;

    /// <summary>Adds an error for <paramref name="field"/> unless <paramref name="zone"/> is such a name.</summary>
    public static async Task ValidateAsync(NpgsqlDataSource db, string zone, string field, ValidationErrors errors, CancellationToken ct)
    {
        if (zone.Length == 0 || zone.Length > MaxLength || zone != zone.Trim() || zone == "Local"
            || !TimeZoneInfo.TryFindSystemTimeZoneById(zone, out _)
            || !await KnownToPostgresAsync(db, zone, ct))
        {
            errors.Add(field, $"{field} must be an IANA time zone name such as Europe/Paris or UTC.");
        }
    }

    private static async Task<bool> KnownToPostgresAsync(NpgsqlDataSource db, string zone, CancellationToken ct)
    {
        await using var command = db.Command("SELECT EXISTS (SELECT 1 FROM pg_timezone_names WHERE name = $1)", zone);
        return await command.ExecuteScalarAsync(ct) is true;
    }
}
