namespace RoleFerry.Api.Matching;

/// <summary>Whole-term search of a skill in free text, case-insensitive ("c#" in "C#/.NET", not "java" in "javascript").</summary>
public static class SkillText
{
    public static string Normalize(string skill) => skill.Trim().ToLowerInvariant();

    /// <summary>True when <paramref name="term"/> (lower case) occurs in <paramref name="lowerText"/> bounded by non-word characters.</summary>
    public static bool Contains(string lowerText, string term)
    {
        if (term.Length == 0)
        {
            return false;
        }

        var start = 0;
        while (start <= lowerText.Length - term.Length)
        {
            var at = lowerText.IndexOf(term, start, StringComparison.Ordinal);
            if (at < 0)
            {
                return false;
            }

            var end = at + term.Length;
            var before = at == 0 || !IsWordChar(lowerText[at - 1]);
            var after = end == lowerText.Length || !IsWordChar(lowerText[end]) || (lowerText[end] == '.' && (end + 1 == lowerText.Length || !char.IsLetterOrDigit(lowerText[end + 1])));
            if (before && after)
            {
                return true;
            }

            start = at + 1;
        }

        return false;
    }

    // '#', '+' and '.' belong to terms such as c#, c++, node.js, asp.net; a '.' ending a sentence does not.
    private static bool IsWordChar(char c) => char.IsLetterOrDigit(c) || c is '#' or '+' or '.' or '_';
}
