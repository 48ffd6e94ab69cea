using System.Reflection;
using System.Text.RegularExpressions;

namespace RoleFerry.Silo.Tests.Docs;

/// <summary>
/// README.md describes what runs: every class, member and column it names in code spans exists. A PascalCase name
/// is a type or a member of RoleFerry, Orleans, .NET or a package they use (<c>Type.Member</c>: that type's member),
/// or a test class; <c>table.column</c> of a table the migrations create is a column they create.
/// </summary>
public sealed partial class ReadmeNamesTests
{
    [Fact]
    public void Every_type_member_and_column_the_readme_names_exists()
    {
        var root = RepositoryRoot();
        var readme = File.ReadAllText(Path.Combine(root, "README.md"));
        var migrations = string.Join('\n', Directory.GetFiles(Path.Combine(root, "db", "migrations"), "*.sql").Select(File.ReadAllText));
        var types = LoadedTypes();
        var typesByName = types.ToLookup(t => SimpleName(t.Name), StringComparer.Ordinal);
        var members = types.SelectMany(Members).ToHashSet(StringComparer.Ordinal);
        var testSources = string.Join('\n', Directory.GetFiles(Path.Combine(root, "tests"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(File.ReadAllText));

        var missing = new List<string>();
        foreach (var span in CodeSpan().Matches(readme).Select(m => m.Groups["code"].Value).Distinct(StringComparer.Ordinal))
        {
            if (PascalName().Match(span) is { Success: true } name)
            {
                var typeName = name.Groups["name"].Value;
                if (!typesByName.Contains(typeName) && !members.Contains(typeName) && !Word(testSources, $"class {typeName}"))
                {
                    missing.Add(span);
                }
            }
            else if (TypeMember().Match(span) is { Success: true } typeMember)
            {
                var (type, member) = (typeMember.Groups["type"].Value, typeMember.Groups["member"].Value);
                var owners = typesByName[type].ToList();
                var exists = owners.Count > 0
                    ? owners.Any(t => Members(t).Contains(member, StringComparer.Ordinal))
                    : IsNamespaceLike(type);
                if (!exists && !TestClassHasMember(testSources, type, member))
                {
                    missing.Add(span);
                }
            }
            else if (Column().Match(span) is { Success: true } column
                     && Regex.IsMatch(migrations, $@"CREATE TABLE (IF NOT EXISTS )?{Regex.Escape(column.Groups["table"].Value)}\b")
                     && !Word(migrations, column.Groups["column"].Value))
            {
                missing.Add(span);
            }
        }

        Assert.True(missing.Count == 0, $"README.md names what does not exist: {string.Join(", ", missing)}");
    }

    /// <summary>Meter and namespace names (<c>RoleFerry.Outreach</c>, <c>Microsoft.Orleans</c>) are no types.</summary>
    private static bool IsNamespaceLike(string first) => first is "RoleFerry" or "Microsoft" or "System" or "OpenTelemetry" or "Npgsql";

    /// <summary>A test helper (<c>People.SignUpAsync</c>): a class of the tests' sources that declares the member.</summary>
    private static bool TestClassHasMember(string testSources, string type, string member) =>
        Regex.IsMatch(testSources, $@"\bclass {Regex.Escape(type)}\b[^{{]*\{{(?:(?!\bclass\s)[\s\S])*?\b{Regex.Escape(member)}\s*[(<]");

    private static bool Word(string text, string word) => Regex.IsMatch(text, $@"\b{Regex.Escape(word)}\b");

    private static string SimpleName(string name) => name.Split('`')[0];

    private static IEnumerable<string> Members(Type type)
    {
        const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        try
        {
            return type.GetMembers(all).Select(m => m.Name.Split('.').Last());
        }
        catch (Exception e) when (e is TypeLoadException or FileNotFoundException or FileLoadException)
        {
            return [];
        }
    }

    /// <summary>The types of the silo's assembly and every assembly it references, transitively.</summary>
    private static List<Type> LoadedTypes()
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<Assembly>([typeof(SiloExtensions).Assembly, typeof(RoleFerry.Testing.TestClock).Assembly]);
        var types = new List<Type>();
        while (pending.TryPop(out var assembly))
        {
            if (!seen.Add(assembly.FullName!))
            {
                continue;
            }

            try
            {
                types.AddRange(assembly.GetTypes());
            }
            catch (ReflectionTypeLoadException e)
            {
                types.AddRange(e.Types.OfType<Type>());
            }

            foreach (var reference in assembly.GetReferencedAssemblies().Where(r => !seen.Contains(r.FullName)))
            {
                try
                {
                    pending.Push(Assembly.Load(reference));
                }
                catch (Exception e) when (e is FileNotFoundException or FileLoadException or BadImageFormatException)
                {
                    // A reference that is not deployed with the tests (a design-time or optional one).
                }
            }
        }

        return types;
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "README.md")) && Directory.Exists(Path.Combine(dir.FullName, "db", "migrations")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("README.md not found above the test's folder.");
    }

    [GeneratedRegex(@"`(?<code>[^`\n]+)`")]
    private static partial Regex CodeSpan();

    /// <summary>A type or member name: PascalCase with a lower-case letter, an optional generic argument list.</summary>
    [GeneratedRegex(@"^(?<name>[A-Z][A-Za-z0-9]*[a-z][A-Za-z0-9]*)(<[A-Za-z, ]+>)?$")]
    private static partial Regex PascalName();

    [GeneratedRegex(@"^(?<type>[A-Z][A-Za-z0-9]*)\.(?<member>[A-Z][A-Za-z0-9]*)(\(\))?$")]
    private static partial Regex TypeMember();

    [GeneratedRegex(@"^(?<table>[a-z][a-z0-9_]*)\.(?<column>[a-z][a-z0-9_]*)$")]
    private static partial Regex Column();
}
