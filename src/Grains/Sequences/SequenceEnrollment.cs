using System.Text.Json;
using Npgsql;
using RoleFerry.Grains.Interfaces.Sequences;
using RoleFerry.Grains.Interfaces.Users;
using RoleFerry.Grains.Suppression;
using RoleFerry.Grains.Templates;

namespace RoleFerry.Grains.Sequences;

/// <summary>
/// Enrolls a contact: checks that the application, contact and template are the user's (platform templates are
/// everyone's), resolves the built-in variables, refuses a template variable nobody supplies, then creates the
/// sequence instance (template and variables snapshotted) and one scheduled outreach row per step in one
/// transaction. The caller starts the sequence grain.
/// </summary>
public sealed class SequenceEnrollment(NpgsqlDataSource db, SuppressionList suppression)
{
    private const string UniqueViolation = "23505";

    public async Task<EnrollmentResult> EnrollAsync(long userId, EnrollmentRequest request, DateTimeOffset now)
    {
        var subject = await LoadSubjectAsync(userId, request);
        if (subject is null)
        {
            return EnrollmentResult.Fail(EnrollmentError.NotFound, "The application, contact or template was not found.");
        }

        if (subject.ContactOptedOut)
        {
            return EnrollmentResult.Fail(EnrollmentError.OptedOut, "The contact opted out of emails.");
        }

        if (await suppression.ReasonForContactAsync(request.ContactId) is { } suppressed)
        {
            return EnrollmentResult.Fail(EnrollmentError.Suppressed,
                $"The contact's address is suppressed{(suppressed == SuppressionList.ByAnotherUser ? "" : $" ({suppressed})")}: RoleFerry never emails it again.");
        }

        var steps = JsonSerializer.Deserialize<List<TemplateStep>>(subject.TemplateSteps, TemplateSnapshot.Json)!;
        var variables = Variables(subject, request.Variables);
        var missing = steps
            .SelectMany(s => TemplateRenderer.FindVariables(s.Subject).Concat(TemplateRenderer.FindVariables(s.Body)))
            .Distinct(StringComparer.Ordinal)
            .Where(name => !variables.ContainsKey(name))
            .ToList();
        if (missing.Count > 0)
        {
            return EnrollmentResult.Fail(EnrollmentError.MissingVariables,
                $"The template uses variables with no value: {string.Join(", ", missing)}.", missing);
        }

        var snapshot = new TemplateSnapshot(subject.TemplateName, steps, subject.SendingWindow, subject.TrackOpens, subject.TrackClicks);
        try
        {
            var id = await InsertAsync(userId, request, snapshot, variables, subject.ContactTimezone ?? subject.UserTimezone, now);
            return EnrollmentResult.Enrolled(new SequenceView(id, userId, request.ApplicationId, request.ContactId,
                SequenceStatuses.Active, null, []));
        }
        catch (PostgresException e) when (e.SqlState == UniqueViolation)
        {
            return EnrollmentResult.Fail(EnrollmentError.AlreadyEnrolled,
                "The contact already has an active sequence for this application.");
        }
    }

    /// <summary>Built-ins first (<see cref="BuiltInVariables"/>); supplied values win.</summary>
    internal static Dictionary<string, string> Variables(EnrollmentSubject subject, IReadOnlyDictionary<string, string> supplied)
    {
        var names = subject.ContactFullName.Split(' ', 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [BuiltInVariables.FirstName] = subject.ContactFirstName ?? names.FirstOrDefault() ?? "",
            [BuiltInVariables.LastName] = subject.ContactLastName ?? (names.Length > 1 ? names[1] : ""),
            [BuiltInVariables.FullName] = subject.ContactFullName,
            [BuiltInVariables.Company] = subject.CompanyName,
            [BuiltInVariables.Role] = subject.JobTitle,
            [BuiltInVariables.MyName] = subject.UserFullName,
        };
        foreach (var (name, value) in supplied)
        {
            values[name] = value;
        }

        return values;
    }

    internal async Task<EnrollmentSubject?> LoadSubjectAsync(long userId, EnrollmentRequest request)
    {
        await using var command = db.Command(
            """
            SELECT u.full_name, u.timezone, j.title, co.name, c.full_name, c.first_name, c.last_name, c.timezone,
                   c.opted_out, t.name, t.steps::text, t.sending_window::text, t.track_opens, t.track_clicks
            FROM users u
            JOIN applications a ON a.id = $2 AND a.user_id = u.id AND a.deleted_at IS NULL
            JOIN jobs j ON j.id = a.job_id
            JOIN companies co ON co.id = j.company_id
            JOIN contacts c ON c.id = $3 AND c.user_id = u.id
            JOIN sequence_templates t ON t.id = $4 AND (t.is_platform OR t.user_id = u.id)
            WHERE u.id = $1
            """,
            userId, request.ApplicationId, request.ContactId, request.TemplateId);
        return await command.ReadFirstAsync(reader => new EnrollmentSubject(
            reader.GetString(0), reader.GetStringOrNull(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
            reader.GetStringOrNull(5), reader.GetStringOrNull(6), reader.GetStringOrNull(7), reader.GetBoolean(8), reader.GetString(9),
            reader.GetString(10), reader.GetStringOrNull(11) is { } window ? JsonDocument.Parse(window).RootElement.Clone() : null,
            reader.GetBoolean(12), reader.GetBoolean(13)));
    }

    private async Task<long> InsertAsync(
        long userId, EnrollmentRequest request, TemplateSnapshot snapshot, Dictionary<string, string> variables, string? timezone, DateTimeOffset now)
    {
        await using var connection = await db.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var id = (long)(await connection.ScalarAsync(
            """
            INSERT INTO sequence_instances (user_id, application_id, contact_id, template_id, template_snapshot, variables,
                                            timezone, status, current_step, total_steps, enrolled_at)
            VALUES ($1, $2, $3, $4, $5::jsonb, $6::jsonb, $7, 'active', 1, $8, $9)
            RETURNING id
            """,
            userId, request.ApplicationId, request.ContactId, request.TemplateId,
            JsonSerializer.Serialize(snapshot, TemplateSnapshot.Json), JsonSerializer.Serialize(variables),
            timezone, snapshot.Steps.Count, now))!;
        await connection.ExecuteAsync(
            """
            INSERT INTO outreach (sequence_instance_id, user_id, application_id, contact_id, step_no, status)
            SELECT $1, $2, $3, $4, step_no, 'scheduled' FROM generate_series(1, $5) AS step_no
            """,
            id, userId, request.ApplicationId, request.ContactId, snapshot.Steps.Count);
        await transaction.CommitAsync();
        return id;
    }
}
