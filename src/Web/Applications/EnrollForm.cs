namespace RoleFerry.Web.Applications;

/// <summary>
/// The "Enroll" form: a contact, a template and, one per line as <c>name=value</c>, the variables the template uses
/// beyond the built-in ones.
/// </summary>
public sealed class EnrollForm
{
    public long? ContactId { get; set; }

    public long? TemplateId { get; set; }

    public string? Variables { get; set; }

    public IReadOnlyDictionary<string, string> ParsedVariables() =>
        (Variables ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => line.Split('=', 2))
            .Where(parts => parts.Length == 2 && parts[0].Trim().Length > 0)
            .GroupBy(parts => parts[0].Trim(), StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Last()[1].Trim(), StringComparer.Ordinal);
}
