using System.Security.Cryptography;
using System.Text;

namespace RoleFerry.Silo.Database;

/// <summary>The migrations embedded from db/migrations, in file-name order.</summary>
public static class MigrationSource
{
    private const string Prefix = "migrations/";

    public static IReadOnlyList<Migration> All { get; } = Load();

    private static List<Migration> Load()
    {
        var assembly = typeof(MigrationSource).Assembly;
        return assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith(Prefix, StringComparison.Ordinal) && name.EndsWith(".sql", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(name =>
            {
                using var stream = assembly.GetManifestResourceStream(name)!;
                using var reader = new StreamReader(stream, Encoding.UTF8);
                var sql = reader.ReadToEnd();
                var checksum = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sql)));
                return new Migration(Path.GetFileNameWithoutExtension(name[Prefix.Length..]), sql, checksum);
            })
            .ToList();
    }
}
