using System.Text.Json;
using RoleFerry.Api.Infrastructure;

namespace RoleFerry.Api.Profile;

/// <summary>
/// <c>PUT /api/me/resume</c>: replaces the resume (the file it was parsed from stays its source: a PUT corrects the
/// parse). Absent lists count as empty. keyMetrics and accomplishments hold strings or objects (kept as given);
/// skills are trimmed and deduplicated case-insensitively; roles may carry their bullets, and education its schools.
/// </summary>
public sealed record ResumeRequest(
    IReadOnlyList<ResumeRole?>? Roles,
    IReadOnlyList<JsonElement>? KeyMetrics,
    IReadOnlyList<JsonElement>? Accomplishments,
    IReadOnlyList<string?>? Skills,
    string? RawText,
    IReadOnlyList<ResumeEducation?>? Education = null)
{
    public const int MaxEducation = 20;

    public const int MaxRoles = 50;

    public ValidationErrors Validate()
    {
        var errors = new ValidationErrors();
        var roles = Roles ?? [];
        if (roles.Count > MaxRoles)
        {
            errors.Add("roles", $"roles must have at most {MaxRoles} items.");
        }
        else
        {
            for (var i = 0; i < roles.Count; i++)
            {
                if (roles[i] is not { } role)
                {
                    errors.Add($"roles[{i}]", "roles must hold objects {title, company, tenure}.");
                    continue;
                }

                errors.Required(role.Title, $"roles[{i}].title");
                errors.Optional(role.Company, $"roles[{i}].company");
                errors.Optional(role.Tenure, $"roles[{i}].tenure");
                errors.TextList(role.Bullets, $"roles[{i}].bullets", maxLength: 1000);
            }
        }

        var education = Education ?? [];
        if (education.Count > MaxEducation)
        {
            errors.Add("education", $"education must have at most {MaxEducation} items.");
        }

        for (var i = 0; i < Math.Min(education.Count, MaxEducation); i++)
        {
            if (education[i] is not { } school)
            {
                errors.Add($"education[{i}]", "education must hold objects {school, degree, year}.");
                continue;
            }

            errors.Optional(school.School, $"education[{i}].school");
            errors.Optional(school.Degree, $"education[{i}].degree");
            if (school.Year is < 1900 or > 2200)
            {
                errors.Add($"education[{i}].year", "year must be between 1900 and 2200.");
            }
        }

        JsonItems(KeyMetrics, "keyMetrics", errors);
        JsonItems(Accomplishments, "accomplishments", errors);
        errors.TextList(Skills, "skills", maxLength: 100);
        if (RawText is not null)
        {
            errors.MaxLength(RawText, "rawText", ValidationErrors.MaxLongTextLength);
        }

        return errors;
    }

    /// <summary>The resume as stored: texts trimmed, blanks dropped.</summary>
    public ResumeContent ToContent() => new(
        (Roles ?? []).Select(r => new ResumeRole(r!.Title!.Trim(), Text.OrNull(r.Company), Text.OrNull(r.Tenure), TextLists.Clean(r.Bullets))).ToArray(),
        KeyMetrics ?? [],
        Accomplishments ?? [],
        TextLists.Clean(Skills),
        (Education ?? []).Select(e => new ResumeEducation(Text.OrNull(e!.School), Text.OrNull(e.Degree), e.Year)).ToArray(),
        RawText);

    private static void JsonItems(IReadOnlyList<JsonElement>? items, string field, ValidationErrors errors)
    {
        if (items is null)
        {
            return;
        }

        if (items.Count > ValidationErrors.MaxListItems)
        {
            errors.Add(field, $"{field} must have at most {ValidationErrors.MaxListItems} items.");
            return;
        }

        for (var i = 0; i < items.Count; i++)
        {
            if (items[i].ValueKind is not (JsonValueKind.String or JsonValueKind.Object))
            {
                errors.Add($"{field}[{i}]", $"{field} must hold strings or objects.");
            }
            else if (items[i].ValueKind == JsonValueKind.String)
            {
                errors.Required(items[i].GetString(), $"{field}[{i}]", 1000);
            }
            else if (items[i].GetRawText().Contains("\\u0000", StringComparison.Ordinal))
            {
                errors.Add($"{field}[{i}]", $"{field} must not contain NUL characters.");
            }
        }
    }
}
