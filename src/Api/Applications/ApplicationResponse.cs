namespace RoleFerry.Api.Applications;

/// <summary>
/// One tracker row. <see cref="OutreachSent"/> counts the application's emails that left (outreach status sent,
/// delivered, bounced or replied); <see cref="OutreachReplied"/> those with status replied.
/// </summary>
public sealed record ApplicationResponse(
    long Id,
    long JobId,
    string Status,
    int? MatchScore,
    string? Notes,
    DateTimeOffset? AppliedAt,
    DateTimeOffset LastActionAt,
    string ReplyStatus,
    DateTimeOffset CreatedAt,
    ApplicationJob Job,
    ApplicationCompany Company,
    long OutreachSent,
    long OutreachReplied);
