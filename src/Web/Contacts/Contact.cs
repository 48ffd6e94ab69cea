namespace RoleFerry.Web.Contacts;

/// <summary>A contact (<c>/api/contacts</c>): private to the person who added it.</summary>
public sealed record Contact(
    long Id,
    long CompanyId,
    string CompanyName,
    string FullName,
    string? FirstName,
    string? LastName,
    string Email,
    string? Title,
    string Source,
    string? Timezone,
    bool OptedOut,
    DateTimeOffset CreatedAt);
