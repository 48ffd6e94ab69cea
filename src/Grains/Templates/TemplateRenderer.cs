using System.Text.RegularExpressions;

namespace RoleFerry.Grains.Templates;

/// <summary>
/// Fills <c>{{variable}}</c> placeholders (names of letters, digits and underscores; spaces inside the braces
/// allowed: <c>{{ role }}</c>). One pass: a value that itself contains braces is never expanded again. Anything
/// that is not a well-formed placeholder stays as written.
/// </summary>
public static partial class TemplateRenderer
{
    /// <summary>The distinct variable names <paramref name="template"/> uses, in order of first use.</summary>
    public static IReadOnlyList<string> FindVariables(string template)
    {
        ArgumentNullException.ThrowIfNull(template);
        var names = new List<string>();
        foreach (Match match in Placeholder().Matches(template))
        {
            var name = match.Groups["name"].Value;
            if (!names.Contains(name, StringComparer.Ordinal))
            {
                names.Add(name);
            }
        }

        return names;
    }

    /// <summary>Plain text: every placeholder replaced by its value, verbatim.</summary>
    /// <exception cref="TemplateVariableMissingException">A used variable has no value.</exception>
    public static string Render(string template, IReadOnlyDictionary<string, string> values)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(values);
        return Placeholder().Replace(template, match =>
        {
            var name = match.Groups["name"].Value;
            return values.TryGetValue(name, out var value) && value is not null
                ? value
                : throw new TemplateVariableMissingException(name);
        });
    }

    /// <summary>
    /// HTML for an email body: the rendered text HTML-encoded (template and values alike), blank-line separated
    /// paragraphs as <c>&lt;p&gt;</c>, single newlines as <c>&lt;br&gt;</c>, bare http(s) URLs as links.
    /// </summary>
    /// <exception cref="TemplateVariableMissingException">A used variable has no value.</exception>
    public static string RenderHtml(string template, IReadOnlyDictionary<string, string> values) =>
        PlainTextHtml.Convert(Render(template, values));

    [GeneratedRegex(@"\{\{\s*(?<name>[A-Za-z0-9_]+)\s*\}\}", RegexOptions.CultureInvariant)]
    private static partial Regex Placeholder();
}
