using RoleFerry.Grains.Suppression;

namespace RoleFerry.Grains.Sequences;

/// <summary>
/// Everything a step needs to know, read in one round trip right before it is sent: the instance's stored
/// status and version, the contact, the application, the user and this step's outreach row, and why the
/// contact's address is on the suppression list (null when it is not).
/// </summary>
public sealed record StepContext(
    string InstanceStatus,
    long InstanceVersion,
    string ContactEmail,
    string? ContactTimezone,
    bool ContactOptedOut,
    int ContactBounces,
    bool ContactReplied,
    bool ApplicationDeleted,
    string ApplicationStatus,
    string UserEmail,
    string UserFullName,
    string? UserTimezone,
    long OutreachId,
    string? OutreachStatus,
    int OutreachAttempts,
    DateTimeOffset? OutreachSentAt,
    string? SuppressionReason = null)
{
    /// <summary>The final status the sequence must take before this step, or null to go on.</summary>
    public (string Status, string Reason)? StopCondition()
    {
        if (ContactReplied)
        {
            return ("stopped_reply", "the contact replied");
        }

        if (ContactOptedOut)
        {
            return ("stopped_optout", "the contact opted out");
        }

        if (ContactBounces > 0)
        {
            return ("stopped_bounce", "the contact's address bounced");
        }

        if (SuppressionReason is { } suppressed)
        {
            return (suppressed == "hard_bounce" ? "stopped_bounce" : "stopped_optout",
                suppressed == SuppressionList.ByAnotherUser ? "the address is suppressed" : $"the address is on the suppression list ({suppressed})");
        }

        if (ApplicationDeleted)
        {
            return ("canceled", "the application was deleted");
        }

        return ApplicationStatus is "rejected" or "offer"
            ? ("canceled", $"the application moved to {ApplicationStatus}")
            : null;
    }
}
