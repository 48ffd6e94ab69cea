using RoleFerry.Api.Infrastructure;

namespace RoleFerry.Api.Documents;

/// <summary><c>POST</c>/<c>PUT /api/cover-letter-templates</c>: any <c>{{variable}}</c> may appear (checked when a letter is made).</summary>
public sealed record CoverLetterTemplateRequest(string? Name, string? Body)
{
    public const int MaxBodyLength = 20_000;

    public ValidationErrors Validate()
    {
        var errors = new ValidationErrors();
        errors.Required(Name, "name");
        errors.Required(Body, "body", MaxBodyLength);
        return errors;
    }
}
