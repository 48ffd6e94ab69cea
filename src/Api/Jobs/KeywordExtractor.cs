using RoleFerry.Api.Matching;

namespace RoleFerry.Api.Jobs;

/// <summary>The job_keywords of a job: the vocabulary skills its title and description mention, lower case, sorted.</summary>
public static class KeywordExtractor
{
    public const int MaxKeywords = 100;

    public static string[] Extract(string title, string? description)
    {
        var text = (title + "\n" + description).ToLowerInvariant();
        return SkillVocabulary.Terms
            .Where(term => SkillText.Contains(text, term))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .Take(MaxKeywords)
            .ToArray();
    }
}
