namespace RoleFerry.Web.Applications;

/// <summary>An event of an application's timeline (<c>GET /api/applications/{id}/timeline</c>).</summary>
public sealed record TimelineEntry(
    DateTimeOffset At,
    string Kind,
    string? FromStatus,
    string? ToStatus,
    string? Cause,
    long? SequenceId,
    long? ContactId,
    int? StepNo,
    string? Subject,
    int? Count,
    string? Detail,
    long? InterviewId,
    DateTimeOffset? ScheduledAt,
    string? InterviewKind)
{
    /// <summary>What happened, in words.</summary>
    public string Describe(Func<long?, string> contact) => Kind switch
    {
        "status_changed" => FromStatus is null
            ? $"Tracked as {ApplicationStatuses.Label(ToStatus ?? "")}"
            : $"Status {ApplicationStatuses.Label(FromStatus)} → {ApplicationStatuses.Label(ToStatus ?? "")} ({Cause})",
        "email_sent" => $"Step {StepNo} sent to {contact(ContactId)}: {Subject}",
        "email_opened" => $"Step {StepNo} opened by {contact(ContactId)}{Times}",
        "email_clicked" => $"A link of step {StepNo} clicked by {contact(ContactId)}{Times}",
        "reply_received" => $"{contact(ContactId)} replied",
        "auto_reply" => $"Automatic answer from {contact(ContactId)}",
        "bounced" => $"Step {StepNo} to {contact(ContactId)} bounced",
        "unsubscribed" => $"{contact(ContactId)} unsubscribed",
        "interview_scheduled" => $"Interview scheduled ({InterviewKind})",
        "interview_updated" => $"Interview updated ({InterviewKind})",
        _ => Kind.Replace('_', ' '),
    } + (string.IsNullOrWhiteSpace(Detail) || Kind == "status_changed" ? "" : $" — {Detail}");

    private string Times => Count is > 1 ? $" ({Count} times)" : "";
}
