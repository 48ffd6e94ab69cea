namespace RoleFerry.Api.Matching;

/// <summary>
/// A <see cref="MatchProfile"/> in the form <see cref="MatchScorer"/> compares: its skills normalized, the ladder rungs
/// of its preferred levels and its trimmed locations. Built once per request, not once per candidate job.
/// </summary>
public sealed class ProfileTerms
{
    public ProfileTerms(MatchProfile profile)
    {
        Skills = profile.Skills.Select(SkillText.Normalize).Where(s => s.Length > 0).ToHashSet(StringComparer.Ordinal);
        WantedRungs = profile.RoleLevels.Select(MatchScorer.Rung).OfType<int>().ToArray();
        Places = profile.Locations.Select(l => l.Trim()).Where(l => l.Length > 0).ToArray();
        RemoteOk = profile.RemoteOk;
        MinSalary = profile.MinSalary;
    }

    public IReadOnlySet<string> Skills { get; }

    public IReadOnlyList<int> WantedRungs { get; }

    public IReadOnlyList<string> Places { get; }

    public bool? RemoteOk { get; }

    public int? MinSalary { get; }
}
