namespace RoleFerry.Api.Matching;

/// <summary>
/// Scores how well a job fits a user, 0..100 — a pure function of its inputs. The weights add up to 100:
/// <list type="bullet">
/// <item><b>Skills, 50</b>: the user's skills (resume + preferences) that the job asks for — its extracted keywords,
/// or any user skill its title/description mentions — over those plus the job keywords the user lacks.
/// A job that names no skill at all gets half (unknown).</item>
/// <item><b>Role level, 15</b>: the level read from the job title (intern, junior, mid — the default —, senior,
/// lead/staff/principal, manager/head, director, vp/chief) against the preferred levels: same level 15, one step
/// away 8, else 0; full when no level is preferred.</item>
/// <item><b>Location, 15</b>: full when the job's location contains a preferred location, when the job is remote and
/// remote is not refused, or when no location is preferred and the job is on-site; else 0.</item>
/// <item><b>Salary, 10</b>: full when no minimum is set or the job's top pay (compMax, else compMin) reaches it;
/// proportional below it; half when the job states no pay.</item>
/// <item><b>Recency, 10</b>: full up to 7 days after posting, falling linearly to 0 at 60 days.</item>
/// </list>
/// Categories: excellent ≥ 90, strong ≥ 75, fair ≥ 50, else low.
/// </summary>
public static class MatchScorer
{
    public const double SkillsWeight = 50;
    public const double LevelWeight = 15;
    public const double LocationWeight = 15;
    public const double SalaryWeight = 10;
    public const double RecencyWeight = 10;

    public static readonly TimeSpan FreshFor = TimeSpan.FromDays(7);
    public static readonly TimeSpan StaleAfter = TimeSpan.FromDays(60);

    // Title words → rung on the ladder; the highest rung named in a title wins. No word = mid (2).
    private static readonly (string Word, int Rung)[] Levels =
    [
        ("intern", 0), ("internship", 0), ("entry", 1), ("junior", 1), ("jr", 1), ("graduate", 1), ("associate", 1),
        ("mid", 2), ("intermediate", 2), ("senior", 3), ("sr", 3), ("lead", 4), ("staff", 4), ("principal", 4),
        ("manager", 5), ("head", 5), ("director", 6), ("vp", 7), ("vice president", 7), ("chief", 7), ("cto", 7),
    ];

    public static MatchResult Score(MatchProfile profile, MatchJob job, DateTimeOffset now) => Score(new ProfileTerms(profile), job, now);

    /// <summary>The same score, for a profile prepared once to score many jobs.</summary>
    public static MatchResult Score(ProfileTerms profile, MatchJob job, DateTimeOffset now)
    {
        var (skills, matched, missing) = ScoreSkills(profile, job);
        var total = skills + ScoreLevel(profile, job) + ScoreLocation(profile, job) + ScoreSalary(profile, job) + ScoreRecency(job, now);
        var score = (int)Math.Clamp(Math.Round(total, MidpointRounding.AwayFromZero), 0, 100);
        return new MatchResult(score, Category(score), matched, missing);
    }

    public static string Category(int score) => score switch
    {
        >= 90 => "excellent",
        >= 75 => "strong",
        >= 50 => "fair",
        _ => "low",
    };

    private static (double Points, IReadOnlyList<string> Matched, IReadOnlyList<string> Missing) ScoreSkills(ProfileTerms profile, MatchJob job)
    {
        var mine = profile.Skills;
        var asked = job.Keywords.Select(SkillText.Normalize).ToHashSet(StringComparer.Ordinal);
        var text = (job.Title + "\n" + job.Description).ToLowerInvariant();
        var matched = mine.Where(s => asked.Contains(s) || SkillText.Contains(text, s)).Order(StringComparer.Ordinal).ToArray();
        var missing = asked.Where(k => !mine.Contains(k)).Order(StringComparer.Ordinal).ToArray();
        var named = matched.Length + missing.Length;
        var points = named == 0 ? SkillsWeight / 2 : SkillsWeight * matched.Length / named;
        return (points, matched, missing);
    }

    private static double ScoreLevel(ProfileTerms profile, MatchJob job)
    {
        var wanted = profile.WantedRungs;
        if (wanted.Count == 0)
        {
            return LevelWeight;
        }

        var rung = Rung(job.Title) ?? 2;
        var distance = wanted.Min(w => Math.Abs(w - rung));
        return distance switch
        {
            0 => LevelWeight,
            1 => 8,
            _ => 0,
        };
    }

    private static double ScoreLocation(ProfileTerms profile, MatchJob job)
    {
        var places = profile.Places;
        if (job.Location is { } location && places.Any(p => location.Contains(p, StringComparison.OrdinalIgnoreCase)))
        {
            return LocationWeight;
        }

        if (job.Remote)
        {
            return profile.RemoteOk == false ? 0 : LocationWeight;
        }

        return places.Count == 0 ? LocationWeight : 0;
    }

    private static double ScoreSalary(ProfileTerms profile, MatchJob job)
    {
        if (profile.MinSalary is not { } minimum || minimum == 0)
        {
            return SalaryWeight;
        }

        if ((job.CompMax ?? job.CompMin) is not { } top)
        {
            return SalaryWeight / 2;
        }

        return top >= minimum ? SalaryWeight : SalaryWeight * top / minimum;
    }

    private static double ScoreRecency(MatchJob job, DateTimeOffset now)
    {
        var age = now - job.PostedAt;
        if (age <= FreshFor)
        {
            return RecencyWeight;
        }

        if (age >= StaleAfter)
        {
            return 0;
        }

        return RecencyWeight * (StaleAfter - age) / (StaleAfter - FreshFor);
    }

    /// <summary>The highest ladder rung a text names (whole words), or null.</summary>
    internal static int? Rung(string text)
    {
        var lower = text.ToLowerInvariant();
        int? best = null;
        foreach (var (word, rung) in Levels)
        {
            if (rung > (best ?? -1) && SkillText.Contains(lower, word))
            {
                best = rung;
            }
        }

        return best;
    }
}
