namespace RoleFerry.Web.Analytics;

/// <summary>A group (or the totals) of <c>GET /api/analytics/outreach</c>; <c>Key</c> and <c>Label</c> are null for the totals.</summary>
public sealed record OutreachFigures(
    string? Key,
    string? Label,
    long Sent,
    long Delivered,
    long Opened,
    long Clicked,
    long Replied,
    long AutoReplied,
    long Bounced,
    long Unsubscribed,
    double ReplyRate,
    double BounceRate);
