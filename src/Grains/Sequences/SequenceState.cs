namespace RoleFerry.Grains.Sequences;

/// <summary>
/// A sequence instance as its grain holds it: its sequence_instances row, read and written by
/// <see cref="SequenceStorage"/> (never serialized by Orleans).
/// </summary>
public sealed class SequenceState
{
    public long UserId { get; set; }

    public long ApplicationId { get; set; }

    public long ContactId { get; set; }

    /// <summary>The template as it was at enrollment.</summary>
    public TemplateSnapshot Template { get; set; } = new("", [], null);

    public Dictionary<string, string> Variables { get; set; } = [];

    /// <summary>The contact's (else the user's) time zone at enrollment: the last resort of the sending window, read in the contact's current zone, else the user's.</summary>
    public string? Timezone { get; set; }

    public string Status { get; set; } = "active";

    /// <summary>The mailbox that sent step 1; later steps stay on it while it is eligible.</summary>
    public long? MailboxId { get; set; }

    public int CurrentStep { get; set; } = 1;

    /// <summary>When <see cref="CurrentStep"/> is due: the schedule lives here, the reminder only wakes the grain.</summary>
    public DateTimeOffset? NextStepDueAt { get; set; }

    public DateTimeOffset EnrolledAt { get; set; }

    public DateTimeOffset? PausedAt { get; set; }

    /// <summary>While parked (the contact is out of office): when the sequence goes on by itself.</summary>
    public DateTimeOffset? ResumeAt { get; set; }

    public DateTimeOffset? StoppedAt { get; set; }

    public string? StopReason { get; set; }

    public TemplateStep Step(int stepNo) => Template.Steps.Single(s => s.StepNo == stepNo);

    public int TotalSteps => Template.Steps.Count;
}
