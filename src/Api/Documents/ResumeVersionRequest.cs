using RoleFerry.Api.Infrastructure;

namespace RoleFerry.Api.Documents;

/// <summary><c>PATCH /api/resume-versions/{id}</c>: the user's edits; absent fields stay as they are.</summary>
public sealed record ResumeVersionRequest(string? Summary, IReadOnlyList<string?>? Skills, IReadOnlyList<VersionRole?>? Roles)
{
    public ValidationErrors Validate()
    {
        var errors = new ValidationErrors();
        if (Summary is not null)
        {
            errors.MaxLength(Summary, "summary", 2000);
        }

        errors.TextList(Skills, "skills", maxLength: 100);
        if (Roles is { Count: > Profile.ResumeRequest.MaxRoles })
        {
            errors.Add("roles", $"roles must have at most {Profile.ResumeRequest.MaxRoles} items.");
        }

        for (var i = 0; i < (Roles?.Count ?? 0); i++)
        {
            if (Roles![i] is not { } role)
            {
                errors.Add($"roles[{i}]", "roles must hold objects {title, company, tenure, bullets}.");
                continue;
            }

            errors.Optional(role.Title, $"roles[{i}].title");
            errors.Optional(role.Company, $"roles[{i}].company");
            errors.Optional(role.Tenure, $"roles[{i}].tenure");
            errors.TextList(role.Bullets?.Cast<string?>().ToList(), $"roles[{i}].bullets", maxLength: 1000);
        }

        return errors;
    }
}
