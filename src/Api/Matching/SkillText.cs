namespace RoleFerry.Api.Matching;

/// <summary>Whole-term search of a skill in free text, case-insensitive ("c#" in "C#/.NET", not "java" in "javascript").</summary>
public static class SkillText
{
    public static string Normalize(string skill) => skill.Trim().ToLowerInvariant();

    /// <summary>
    /// True when <paramref name="term"/> (lower case) occurs in <paramref name="text"/>, in any case, bounded by
    /// non-word characters. The text is searched as it is (no lower-cased copy of it per search).
    /// </summary>
    public static bool Contains(string text, string term)
    {
        if (term.Length == 0)
        {
            return false;
        }

        var start = 0;
        while (start <= text.Length - term.Length)
        {
            var at = text.IndexOf(term, start, StringComparison.OrdinalIgnoreCase);
            if (at < 0)
            {
                return false;
            }

            var end = at + term.Length;
            var before = at == 0 || !IsWordChar(text[at - 1]);
            var after = end == text.Length || !IsWordChar(text[end]) || (text[end] == '.' && (end + 1 == text.Length || !char.IsLetterOrDigit(text[end + 1])));
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
