using System.Text.Json;
using System.Text.Json.Serialization;
using RoleFerry.Api.Infrastructure;

namespace RoleFerry.Api.Contacts;

/// <summary>
/// <c>PATCH /api/contacts/{id}</c>: absent (or null) fields stay; firstName, lastName, title and timezone given as ""
/// are cleared. The email is fixed (a new address is a new contact): sending one is a 400 naming it.
/// </summary>
public sealed record UpdateContactRequest(string? FullName, string? FirstName, string? LastName, string? Title, string? Timezone)
{
    /// <summary>Fields the contract does not let PATCH change, caught to refuse them by name.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Other { get; init; }

    public ValidationErrors Validate()
    {
        var errors = new ValidationErrors();
        if (FullName is not null)
        {
            errors.Required(FullName, "fullName");
        }

        errors.Optional(FirstName, "firstName");
        errors.Optional(LastName, "lastName");
        errors.Optional(Title, "title");
        foreach (var field in new[] { "email", "companyId" })
        {
            if (Other?.ContainsKey(field) == true)
            {
                errors.Add(field, $"{field} cannot change: a new address (or company) is a new contact.");
            }
        }

        return errors;
    }
}
