using RoleFerry.Grains.Notifications;

namespace RoleFerry.Grains.Mailboxes;

/// <summary>What a mailbox tells the admins (kept apart from the cap and health logic).</summary>
public sealed partial class MailboxGrain
{
    /// <summary>The health rules paused this mailbox: a <c>mailbox_paused</c> notification for every admin.</summary>
    private Task NotifyPausedItselfAsync(string reason, DateTimeOffset at) =>
        notifications.MailboxPausedAsync(Id, reason, at);
}
