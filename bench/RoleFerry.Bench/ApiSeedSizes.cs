namespace RoleFerry.Bench;

/// <summary>Row counts of section (5): jobs over companies, the measured user's applications among all applications.</summary>
public sealed record ApiSeedSizes(int Companies, int Jobs, int MyApplications, int Applications)
{
    /// <summary>Other users owning the rest of the applications table, 100 each.</summary>
    public int OtherUsers => (Applications - MyApplications) / 100 + 1;

    public string Describe() =>
        $"{Jobs:N0} jobs over {Companies:N0} companies, {MyApplications:N0} of {Applications:N0} applications";
}
