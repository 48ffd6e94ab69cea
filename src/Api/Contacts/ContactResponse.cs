namespace RoleFerry.Api.Contacts;

/// <summary>A contact: private to the user who added it.</summary>
public sealed record ContactResponse(
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
    int? EmailConfidence,
    string? LinkedinUrl,
    bool OptedOut,
    DateTimeOffset CreatedAt);
