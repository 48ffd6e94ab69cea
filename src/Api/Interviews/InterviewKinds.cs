namespace RoleFerry.Api.Interviews;

/// <summary>interviews.kind and interviews.outcome (API.md).</summary>
public static class InterviewKinds
{
    public static readonly IReadOnlyList<string> All = ["phone", "video", "onsite", "other"];

    public static readonly IReadOnlyList<string> Outcomes = ["pending", "passed", "failed", "canceled"];

    public static string Expected => string.Join("|", All);

    public static string ExpectedOutcomes => string.Join("|", Outcomes);
}
