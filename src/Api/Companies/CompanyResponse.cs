namespace RoleFerry.Api.Companies;

/// <summary>A company of the shared catalogue.</summary>
public sealed record CompanyResponse(
    long Id,
    string Name,
    string Domain,
    string DomainNormalized,
    string? Size,
    string? Industry,
    string? Website,
    string? LinkedinUrl,
    DateTimeOffset CreatedAt);
