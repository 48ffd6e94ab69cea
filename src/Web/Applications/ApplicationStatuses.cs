namespace RoleFerry.Web.Applications;

/// <summary>The tracker's statuses in the order of a search, with the words the pages show for them.</summary>
public static class ApplicationStatuses
{
    public static readonly IReadOnlyList<string> All = ["saved", "applied", "interviewing", "offer", "rejected"];

    public static string Label(string status) => status switch
    {
        "saved" => "Saved",
        "applied" => "Applied",
        "interviewing" => "Interviewing",
        "offer" => "Offer",
        "rejected" => "Rejected",
        _ => status,
    };
}
