namespace RoleFerry.Api.Applications;

/// <summary>applications.status, and which statuses mean the user has applied (they stamp appliedAt once).</summary>
public static class ApplicationStatuses
{
    public const string Saved = "saved";
    public const string Applied = "applied";
    public const string Interviewing = "interviewing";
    public const string Offer = "offer";
    public const string Rejected = "rejected";

    public static readonly IReadOnlyList<string> All = [Saved, Applied, Interviewing, Offer, Rejected];

    public static bool IsValid(string? status) => status is not null && All.Contains(status);

    public static bool HasApplied(string status) => status is Applied or Interviewing or Offer;

    public static string Expected => string.Join("|", All);
}
