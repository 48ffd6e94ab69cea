using Npgsql;

namespace RoleFerry.Grains.Tests.Support;

/// <summary>Inserts the rows a grain test needs, with plain SQL. Every method returns the new id.</summary>
public sealed class Seed(NpgsqlDataSource db, TimeProvider clock)
{
    public async Task<long> UserAsync(string email, string tier = "free", string fullName = "Jamie Seeker", string timezone = "UTC") =>
        await ScalarAsync(
            """
            INSERT INTO users (email, password_hash, full_name, mode, subscription_tier, timezone)
            VALUES ($1, 'not-a-hash', $2, 'job_seeker', $3, $4) RETURNING id
            """, email, fullName, tier, timezone);

    public async Task<long> CompanyAsync(string name, string domain) =>
        await ScalarAsync("INSERT INTO companies (name, domain) VALUES ($1, $2) RETURNING id", name, domain);

    public async Task<long> JobAsync(long companyId, string title, DateTimeOffset? expiresAt = null) =>
        await ScalarAsync(
            """
            INSERT INTO jobs (source, title, company_id, description, expires_at)
            VALUES ('test', $1, $2, 'A job.', $3) RETURNING id
            """, title, companyId, (object?)expiresAt?.UtcDateTime ?? DBNull.Value);

    public async Task<long> ApplicationAsync(long userId, long jobId, string status = "saved") =>
        await ScalarAsync(
            """
            INSERT INTO applications (user_id, job_id, status, last_action_at) VALUES ($1, $2, $3, $4) RETURNING id
            """, userId, jobId, status, clock.GetUtcNow().UtcDateTime);

    public async Task<long> ContactAsync(long userId, long companyId, string email, string fullName = "Alex Helper", string? timezone = null) =>
        await ScalarAsync(
            """
            INSERT INTO contacts (user_id, company_id, full_name, first_name, last_name, email, source, timezone)
            VALUES ($1, $2, $3, split_part($3, ' ', 1), split_part($3, ' ', 2), $4, 'test', $5) RETURNING id
            """, userId, companyId, fullName, email, (object?)timezone ?? DBNull.Value);

    /// <summary>A template of the user's own; steps are (delayHours, subject, body), an optional window as JSON.</summary>
    public async Task<long> TemplateAsync(long userId, string name, (double DelayHours, string Subject, string Body)[] steps, string? sendingWindowJson = null)
    {
        var json = System.Text.Json.JsonSerializer.Serialize(steps.Select((s, i) => new
        {
            stepNo = i + 1,
            delayHours = s.DelayHours,
            subject = s.Subject,
            body = s.Body,
        }));
        return await ScalarAsync(
            """
            INSERT INTO sequence_templates (user_id, is_platform, name, steps, sending_window)
            VALUES ($1, false, $2, $3::jsonb, $4::jsonb) RETURNING id
            """, userId, name, json, (object?)sendingWindowJson ?? DBNull.Value);
    }

    public async Task<long> PlatformTemplateIdAsync(string name) =>
        await ScalarAsync("SELECT id FROM sequence_templates WHERE is_platform AND name = $1", name);

    public async Task<long> ScalarAsync(string sql, params object[] parameters)
    {
        await using var command = db.CreateCommand(sql);
        foreach (var p in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = p });
        }

        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }

    public async Task<string?> ScalarTextAsync(string sql, params object[] parameters)
    {
        await using var command = db.CreateCommand(sql);
        foreach (var p in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = p });
        }

        return await command.ExecuteScalarAsync() as string;
    }

    public async Task<int> ExecuteAsync(string sql, params object[] parameters)
    {
        await using var command = db.CreateCommand(sql);
        foreach (var p in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = p });
        }

        return await command.ExecuteNonQueryAsync();
    }
}
