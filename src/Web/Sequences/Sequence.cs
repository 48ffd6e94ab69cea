namespace RoleFerry.Web.Sequences;

/// <summary><c>GET /api/sequences/{id}</c>: an enrolled contact's sequence with its steps.</summary>
public sealed record Sequence(
    long Id,
    long ApplicationId,
    long ContactId,
    string Status,
    SequenceMailbox? Mailbox,
    IReadOnlyList<SequenceStep> Steps,
    DateTimeOffset? ResumeAt);
