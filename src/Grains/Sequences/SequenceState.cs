namespace RoleFerry.Grains.Sequences;

/// <summary>A sequence instance as its grain holds it (row of sequence_instances).</summary>
public sealed class SequenceState
{
    public long UserId { get; set; }

    public long ApplicationId { get; set; }

    public long ContactId { get; set; }

    public TemplateSnapshot Template { get; set; } = new("", [], null);

    public Dictionary<string, string> Variables { get; set; } = [];

    public string? Timezone { get; set; }

    public string Status { get; set; } = "active";

    public long? MailboxId { get; set; }

    public int CurrentStep { get; set; } = 1;

    public DateTimeOffset? NextStepDueAt { get; set; }

    public DateTimeOffset EnrolledAt { get; set; }

    public DateTimeOffset? PausedAt { get; set; }

    public DateTimeOffset? StoppedAt { get; set; }

    public string? StopReason { get; set; }

    public TemplateStep Step(int stepNo) => Template.Steps.Single(s => s.StepNo == stepNo);

    public int TotalSteps => Template.Steps.Count;
}
