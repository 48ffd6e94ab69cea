namespace RoleFerry.Api.Infrastructure;

/// <summary>The administrators: <c>RoleFerry:AdminEmails</c> (env <c>RoleFerry__AdminEmails__0=ops@example.com</c>).</summary>
public sealed class AdminOptions
{
    public const string SectionName = "RoleFerry";

    public string[] AdminEmails { get; set; } = [];

    public bool IsAdmin(string email) =>
        AdminEmails.Any(admin => string.Equals(admin.Trim(), email.Trim(), StringComparison.OrdinalIgnoreCase));
}
