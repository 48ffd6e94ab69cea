namespace RoleFerry.Api.Analytics;

/// <summary>
/// One group of <c>GET /api/analytics/outreach</c>: <c>key</c> is the template id ("none" once the template was
/// deleted), the step number, the day (YYYY-MM-DD in the user's timezone) or the mailbox id; <c>label</c> names it
/// (template name, mailbox address); then the same figures as the totals.
/// </summary>
public sealed record OutreachGroup(
    string Key,
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
