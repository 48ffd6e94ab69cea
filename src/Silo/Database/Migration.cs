namespace RoleFerry.Silo.Database;

/// <summary>One versioned file of db/migrations, embedded in this assembly.</summary>
public sealed record Migration(string Version, string Sql, string Checksum);
