namespace RoleFerry.Web.Settings;

/// <summary>The job preferences matching reads (<c>PUT /api/me/preferences</c>); lists comma-separated.</summary>
public sealed class PreferencesForm
{
    public string? Skills { get; set; }

    public string? RoleTypes { get; set; }

    public string? RoleLevels { get; set; }

    public string? Locations { get; set; }

    public string? RemoteOk { get; set; }

    public string? Industries { get; set; }

    public string? CompanySizes { get; set; }

    public string? Values { get; set; }

    public string? HiddenCompanies { get; set; }

    public int? MinSalary { get; set; }

    public int? MaxSalary { get; set; }

    public static PreferencesForm From(Preferences? p) => p is null ? new PreferencesForm() : new PreferencesForm
    {
        Skills = TextList.ToCommas(p.Skills),
        RoleTypes = TextList.ToCommas(p.RoleTypes),
        RoleLevels = TextList.ToCommas(p.RoleLevels),
        Locations = TextList.ToCommas(p.Locations),
        RemoteOk = p.RemoteOk switch { true => "yes", false => "no", null => "" },
        Industries = TextList.ToCommas(p.Industries),
        CompanySizes = TextList.ToCommas(p.CompanySizes),
        Values = TextList.ToCommas(p.Values),
        HiddenCompanies = TextList.ToCommas(p.HiddenCompanies),
        MinSalary = p.MinSalary,
        MaxSalary = p.MaxSalary,
    };

    public object ToRequest() => new
    {
        skills = TextList.FromCommas(Skills),
        roleTypes = TextList.FromCommas(RoleTypes),
        roleLevels = TextList.FromCommas(RoleLevels),
        locations = TextList.FromCommas(Locations),
        remoteOk = RemoteOk switch { "yes" => true, "no" => (bool?)false, _ => null },
        industries = TextList.FromCommas(Industries),
        companySizes = TextList.FromCommas(CompanySizes),
        values = TextList.FromCommas(Values),
        hiddenCompanies = TextList.FromCommas(HiddenCompanies),
        minSalary = MinSalary,
        maxSalary = MaxSalary,
    };
}
