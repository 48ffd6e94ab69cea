using System.Text.RegularExpressions;

namespace RoleFerry.Api.Profile.Parsing;

/// <summary>
/// Key metrics: the sentences of a resume's bullets and summary that state a number other than a year or a date
/// ("Cut churn by 30%", "Led a team of 8", "Saved $1.2M a year"). A phone number is not a metric.
/// </summary>
public static partial class MetricSentences
{
    public static IEnumerable<string> From(IEnumerable<string> texts) =>
        texts.SelectMany(Sentences).Where(IsMetric);

    public static bool IsMetric(string sentence)
    {
        var withoutDates = DateRanges.Remove(sentence);
        return Number().IsMatch(withoutDates) && !Phone().IsMatch(sentence)
               && sentence.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length >= 3;
    }

    private static IEnumerable<string> Sentences(string text) =>
        SentenceEnd().Split(text).Select(s => s.Trim()).Where(s => s.Length > 0);

    [GeneratedRegex(@"\d")]
    private static partial Regex Number();

    [GeneratedRegex(@"\+?\d[\d\s().-]{8,}\d")]
    private static partial Regex Phone();

    [GeneratedRegex(@"(?<=[.!?;])\s+(?=[A-Z])")]
    private static partial Regex SentenceEnd();
}
