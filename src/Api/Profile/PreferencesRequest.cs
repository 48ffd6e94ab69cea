using RoleFerry.Api.Infrastructure;

namespace RoleFerry.Api.Profile;

/// <summary>
/// <c>PUT /api/me/preferences</c>: replaces the preferences. Absent lists count as empty; remoteOk null = no
/// preference. hiddenCompanies are company names or domains, stored lower-cased without <c>www.</c>.
/// </summary>
public sealed record PreferencesRequest(
    IReadOnlyList<string?>? Values,
    IReadOnlyList<string?>? RoleTypes,
    IReadOnlyList<string?>? Locations,
    bool? RemoteOk,
    IReadOnlyList<string?>? RoleLevels,
    IReadOnlyList<string?>? CompanySizes,
    IReadOnlyList<string?>? Industries,
    IReadOnlyList<string?>? Skills,
    IReadOnlyList<string?>? HiddenCompanies,
    int? MinSalary,
    int? MaxSalary)
{
    public ValidationErrors Validate()
    {
        var errors = new ValidationErrors();
        errors.TextList(Values, "values");
        errors.TextList(RoleTypes, "roleTypes");
        errors.TextList(Locations, "locations");
        errors.TextList(RoleLevels, "roleLevels");
        errors.TextList(CompanySizes, "companySizes");
        errors.TextList(Industries, "industries");
        errors.TextList(Skills, "skills", maxLength: 100);
        errors.TextList(HiddenCompanies, "hiddenCompanies");
        errors.NonNegative(MinSalary, "minSalary");
        errors.NonNegative(MaxSalary, "maxSalary");
        if (MinSalary > MaxSalary)
        {
            errors.Add("minSalary", "minSalary must not be greater than maxSalary.");
        }

        return errors;
    }
}
