namespace RoleFerry.Silo.Database;

/// <summary>
/// The retired <c>RoleFerry:AdminEmails</c> setting (an array of addresses), read only to hand it to the migration
/// that turned it into the <c>is_admin</c> flag (<see cref="MigrationRunner.AdminFlagMigration"/>).
/// </summary>
public static class LegacyAdminEmails
{
    public const string SectionName = "RoleFerry:AdminEmails";

    public static IReadOnlyCollection<string> From(IConfiguration configuration) =>
        configuration.GetSection(SectionName).Get<string[]>()?
            .Select(email => email.Trim())
            .Where(email => email.Length > 0)
            .ToArray() ?? [];
}
