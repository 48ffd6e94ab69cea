namespace RoleFerry.Web.Applications;

/// <summary>The "Add interview" form; the time is read in the person's timezone.</summary>
public sealed class InterviewForm
{
    public DateTime? ScheduledAt { get; set; }

    public string Kind { get; set; } = "video";

    public string? Interviewer { get; set; }

    public string? Location { get; set; }

    public string? Notes { get; set; }
}
