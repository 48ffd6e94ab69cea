using System.Text.Json;
using Npgsql;
using Orleans.Concurrency;
using RoleFerry.Data;
using RoleFerry.Grains.Interfaces.Templates;
using RoleFerry.Grains.Interfaces.Users;
using RoleFerry.Grains.Templates;

namespace RoleFerry.Grains.Sequences;

/// <summary>
/// A template's steps rendered by the same renderer, built-in variables and follow-up subject rule as the emails
/// themselves (<see cref="SequenceEnrollment"/>, <see cref="FollowUpThread"/>): for one of the user's applications
/// and contacts, or with <see cref="SampleValues"/>. A variable with no value stays written as <c>{{name}}</c> and is
/// listed. Stateless: any silo may run it, as often as asked.
/// </summary>
[StatelessWorker]
public sealed class TemplatePreviewGrain(NpgsqlDataSource db, SequenceEnrollment enrollment) : Grain, ITemplatePreviewGrain
{
    /// <summary>The person a preview without an application and a contact is written to.</summary>
    public static readonly IReadOnlyDictionary<string, string> SampleValues = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["first_name"] = "Jamie",
        ["last_name"] = "Rivera",
        ["full_name"] = "Jamie Rivera",
        ["company"] = "Acme",
        ["role"] = "Software Engineer",
    };

    public async Task<TemplatePreview?> PreviewAsync(long templateId, long? applicationId, long? contactId)
    {
        var userId = this.GetPrimaryKeyLong();
        string stepsJson;
        Dictionary<string, string> values;
        if (applicationId is { } application && contactId is { } contact)
        {
            var subject = await enrollment.LoadSubjectAsync(
                userId, new EnrollmentRequest(application, contact, templateId, new Dictionary<string, string>()));
            if (subject is null)
            {
                return null;
            }

            stepsJson = subject.TemplateSteps;
            values = SequenceEnrollment.Variables(subject, new Dictionary<string, string>());
        }
        else
        {
            await using var command = db.Command(
                """
                SELECT u.full_name, t.steps::text FROM users u
                JOIN sequence_templates t ON t.id = $2 AND (t.is_platform OR t.user_id = u.id)
                WHERE u.id = $1
                """,
                userId,
                templateId);
            await using var reader = await command.ExecuteReaderAsync();
            if (!await reader.ReadAsync())
            {
                return null;
            }

            values = new Dictionary<string, string>(SampleValues, StringComparer.Ordinal) { ["my_name"] = reader.GetString(0) };
            stepsJson = reader.GetString(1);
        }

        var steps = JsonSerializer.Deserialize<List<TemplateStep>>(stepsJson, TemplateSnapshot.Json)!;
        var missing = steps
            .SelectMany(s => TemplateRenderer.FindVariables(s.Subject).Concat(TemplateRenderer.FindVariables(s.Body)))
            .Distinct(StringComparer.Ordinal)
            .Where(name => !values.ContainsKey(name))
            .ToList();
        foreach (var name in missing)
        {
            values[name] = $"{{{{{name}}}}}";
        }

        string Render(string? text) => TemplateRenderer.Render(text ?? "", values);
        var firstSubject = steps.FirstOrDefault()?.Subject;
        var rendered = steps
            .Select(s => new RenderedStep(s.StepNo, s.DelayHours, FollowUpThread.Subject(s.StepNo, s.Subject, [], Render, firstSubject), Render(s.Body)))
            .ToList();
        return new TemplatePreview(rendered, missing, applicationId is null || contactId is null);
    }
}
