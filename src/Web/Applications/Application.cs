namespace RoleFerry.Web.Applications;

/// <summary>A tracker row (<c>GET /api/applications</c>, <c>GET /api/applications/{id}</c>).</summary>
public sealed record Application(
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
