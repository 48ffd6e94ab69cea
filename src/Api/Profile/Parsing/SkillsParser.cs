using System.Text;
using System.Text.RegularExpressions;
using RoleFerry.Api.Jobs;
using RoleFerry.Api.Matching;

namespace RoleFerry.Api.Profile.Parsing;

/// <summary>
/// The skills of a resume: the items of its skills section (split at commas, semicolons, bars, bullets and tabs,
/// a "Languages:" label and a parenthesis dropped, at most five words each), then every skill of
/// <see cref="SkillVocabulary"/> named anywhere in the text, as written there. Duplicates (case-insensitive) are
/// dropped, the first spelling kept.
/// </summary>
public static partial class SkillsParser
{
    private const int MaxSkillWords = 5;
    private const int MaxSkillLength = 50;

    public static IReadOnlyList<string> Parse(IEnumerable<ResumeLine> skillLines, string rawText)
    {
        var skills = new List<string>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in skillLines)
        {
            var text = Label().Replace(line.Text, string.Empty);
            foreach (var item in SplitOutsideParentheses(text))
            {
                var skill = Parenthesis().Replace(item, string.Empty).Trim().TrimEnd('.').Trim();
                if (skill.Length is > 0 and <= MaxSkillLength && skill.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length <= MaxSkillWords
                    && skill.Any(char.IsLetter) && seen.Add(skill))
                {
                    skills.Add(skill);
                }
            }
        }

        var lower = rawText.ToLowerInvariant();
        foreach (var term in SkillVocabulary.Terms)
        {
            if (!seen.Contains(term) && SkillText.Contains(lower, term))
            {
                var at = lower.IndexOf(term, StringComparison.Ordinal);
                var written = lower.Length == rawText.Length && at >= 0 ? rawText.Substring(at, term.Length) : term;
                if (seen.Add(written))
                {
                    skills.Add(written);
                }
            }
        }

        return skills;
    }

    private static IEnumerable<string> SplitOutsideParentheses(string text)
    {
        var depth = 0;
        var item = new StringBuilder();
        foreach (var c in text)
        {
            depth += c == '(' ? 1 : c == ')' && depth > 0 ? -1 : 0;
            if (depth == 0 && c is ',' or ';' or '|' or '•' or '·' or '\t' or '▪' or '●')
            {
                yield return item.ToString();
                item.Clear();
            }
            else
            {
                item.Append(c);
            }
        }

        yield return item.ToString();
    }

    /// <summary>A leading "Languages:" or "Cloud & DevOps:" label.</summary>
    [GeneratedRegex(@"^\s*[\p{L}&/ ]{2,30}:\s*")]
    private static partial Regex Label();

    [GeneratedRegex(@"\([^)]*\)")]
    private static partial Regex Parenthesis();
}
