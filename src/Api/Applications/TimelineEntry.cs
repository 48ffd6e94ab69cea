using System.Text.Json.Serialization;

namespace RoleFerry.Api.Applications;

/// <summary>
/// One event of an application's timeline: <c>at</c> and <c>kind</c> (status_changed, email_sent, email_opened,
/// email_clicked, reply_received, auto_reply, bounced, unsubscribed, interview_scheduled, interview_updated), and
/// the fields of that kind (absent ones are left out): a status change's from/to/cause; an email's sequence,
/// contact, step and subject (opens and clicks: the first one, with <c>count</c>); an event's <c>detail</c>; an
/// interview's id, time and kind.
/// </summary>
public sealed record TimelineEntry(
    DateTimeOffset At,
    string Kind,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? FromStatus,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ToStatus,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Cause,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? SequenceId,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? ContactId,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? StepNo,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Subject,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? Count,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Detail,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? InterviewId,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateTimeOffset? ScheduledAt,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? InterviewKind);
