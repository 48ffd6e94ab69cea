using Npgsql;
using RoleFerry.Api.Infrastructure;

namespace RoleFerry.Api.Matching;

/// <summary>Reads a user's <see cref="MatchProfile"/> from their resume and preferences (either may be missing).</summary>
public static class MatchProfiles
{
    public static async Task<MatchProfile> LoadAsync(NpgsqlDataSource db, long userId, CancellationToken ct)
    {
        await using var command = db.Command(
            """
            SELECT coalesce(r.skills, '{}') AS resume_skills, coalesce(p.skills, '{}') AS preference_skills,
                   coalesce(p.role_levels, '{}') AS role_levels, coalesce(p.locations, '{}') AS locations,
                   p.remote_ok, p.min_salary
            FROM users u
            LEFT JOIN resumes r ON r.user_id = u.id
            LEFT JOIN job_preferences p ON p.user_id = u.id
            WHERE u.id = $1
            """,
            userId);
        await using var reader = await command.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct))
        {
            return MatchProfile.Empty;
        }

        var skills = reader.Get<string[]>("resume_skills").Concat(reader.Get<string[]>("preference_skills"))
            .Select(SkillText.Normalize)
            .Where(s => s.Length > 0)
            .Distinct(StringComparer.Ordinal)
            .ToArray();
        return new MatchProfile(
            skills,
            reader.Get<string[]>("role_levels"),
            reader.Get<string[]>("locations"),
            reader.GetOrNull<bool>("remote_ok"),
            reader.GetOrNull<int>("min_salary"));
    }
}
