namespace RoleFerry.Api.Analytics;

/// <summary>
/// The figures of a set of emails that left: each count is of emails (an email opened twice is one opened email);
/// replyRate and bounceRate are replied / sent and bounced / sent (0 when nothing was sent), rounded to 4 places.
/// </summary>
public sealed record OutreachFigures(
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
