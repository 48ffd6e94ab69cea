using System.Data.Common;
using System.Text.Json;
using Npgsql;

namespace RoleFerry.Api.Profile;

/// <summary>
/// The resumes table (one row per user) and its source file: the API's one writer of both. A PUT replaces the
/// content and keeps the source file; an upload replaces the file (one per user) and the content in one statement.
/// </summary>
public static class Resumes
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The caller's resume, or null before the first PUT or upload.</summary>
    public static async Task<ResumeResponse?> ReadAsync(NpgsqlDataSource db, long userId, CancellationToken ct)
    {
        await using var command = db.Command(
            """
            SELECT r.roles::text, r.key_metrics::text, r.accomplishments::text, r.skills, r.education::text, r.raw_text,
                   r.updated_at, f.id AS file_id, f.file_name
            FROM resumes r LEFT JOIN resume_files f ON f.id = r.source_file_id
            WHERE r.user_id = $1
            """,
            userId);
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? Read(reader) : null;
    }

    public static async Task SaveAsync(NpgsqlDataSource db, long userId, ResumeContent resume, DateTimeOffset now, CancellationToken ct)
    {
        await using var command = db.Command(
            """
            INSERT INTO resumes (user_id, roles, key_metrics, accomplishments, skills, education, raw_text, created_at, updated_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7::text, $8, $8)
            ON CONFLICT (user_id) DO UPDATE SET
                roles = EXCLUDED.roles, key_metrics = EXCLUDED.key_metrics, accomplishments = EXCLUDED.accomplishments,
                skills = EXCLUDED.skills, education = EXCLUDED.education, raw_text = EXCLUDED.raw_text, updated_at = EXCLUDED.updated_at
            """,
            [userId, .. ContentParameters(resume), now]);
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Stores the uploaded file (replacing the previous one) and the resume parsed from it; its id and upload time.</summary>
    public static async Task<(long Id, DateTimeOffset UploadedAt)> SaveUploadAsync(
        NpgsqlDataSource db, long userId, UploadedResume file, ResumeContent resume, DateTimeOffset now, CancellationToken ct)
    {
        await using var command = db.Command(
            """
            WITH file AS (
                INSERT INTO resume_files (user_id, file_name, content_type, size_bytes, content, parsing_status, uploaded_at)
                VALUES ($1, $9, $10, $11, $12, $13, $8)
                ON CONFLICT (user_id) DO UPDATE SET
                    file_name = EXCLUDED.file_name, content_type = EXCLUDED.content_type, size_bytes = EXCLUDED.size_bytes,
                    content = EXCLUDED.content, parsing_status = EXCLUDED.parsing_status, uploaded_at = EXCLUDED.uploaded_at
                RETURNING id, uploaded_at
            ), resume AS (
                INSERT INTO resumes (user_id, roles, key_metrics, accomplishments, skills, education, raw_text, source_file_id,
                                     created_at, updated_at)
                SELECT $1, $2, $3, $4, $5, $6, $7::text, file.id, $8, $8 FROM file
                ON CONFLICT (user_id) DO UPDATE SET
                    roles = EXCLUDED.roles, key_metrics = EXCLUDED.key_metrics, accomplishments = EXCLUDED.accomplishments,
                    skills = EXCLUDED.skills, education = EXCLUDED.education, raw_text = EXCLUDED.raw_text,
                    source_file_id = EXCLUDED.source_file_id, updated_at = EXCLUDED.updated_at
            )
            SELECT id, uploaded_at FROM file
            """,
            [userId, .. ContentParameters(resume), now, file.FileName, file.ContentType, file.Content.Length, file.Content, file.ParsingStatus]);
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return (reader.GetInt64(0), reader.GetFieldValue<DateTimeOffset>(1));
    }

    /// <summary>The original bytes of the caller's resume file, or null.</summary>
    public static async Task<(byte[] Content, string ContentType, string FileName)?> ReadFileAsync(NpgsqlDataSource db, long userId, CancellationToken ct)
    {
        await using var command = db.Command("SELECT content, content_type, file_name FROM resume_files WHERE user_id = $1", userId);
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? (reader.GetFieldValue<byte[]>(0), reader.GetString(1), reader.GetString(2)) : null;
    }

    private static object?[] ContentParameters(ResumeContent resume) =>
    [
        Sql.Jsonb(JsonSerializer.Serialize(resume.Roles, Json)),
        Sql.Jsonb(JsonSerializer.Serialize(resume.KeyMetrics, Json)),
        Sql.Jsonb(JsonSerializer.Serialize(resume.Accomplishments, Json)),
        resume.Skills.ToArray(),
        Sql.Jsonb(JsonSerializer.Serialize(resume.Education, Json)),
        resume.RawText,
    ];

    private static ResumeResponse Read(DbDataReader reader) => new(
        (JsonSerializer.Deserialize<ResumeRole[]>(reader.Get<string>("roles"), Json) ?? []).Select(r => r with { Bullets = r.Bullets ?? [] }).ToArray(),
        JsonSerializer.Deserialize<JsonElement[]>(reader.Get<string>("key_metrics"), Json) ?? [],
        JsonSerializer.Deserialize<JsonElement[]>(reader.Get<string>("accomplishments"), Json) ?? [],
        reader.Get<string[]>("skills"),
        JsonSerializer.Deserialize<ResumeEducation[]>(reader.Get<string>("education"), Json) ?? [],
        reader.GetStringOrNull("raw_text"),
        reader.GetOrNull<long>("file_id") is { } fileId ? new ResumeSourceFile(fileId, reader.Get<string>("file_name")) : null,
        reader.Get<DateTimeOffset>("updated_at"));
}
