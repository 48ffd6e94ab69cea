namespace RoleFerry.Grains.Mailboxes;

/// <summary>A <c>mailbox_health_logs</c> row written with the mailbox row it describes.</summary>
public sealed record PendingHealthLog(MailboxHealth Health, string Status, string Reason, DateTimeOffset LoggedAt);
