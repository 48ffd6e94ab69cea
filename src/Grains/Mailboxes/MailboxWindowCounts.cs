namespace RoleFerry.Grains.Mailboxes;

/// <summary>A mailbox's reservations over the last 7 days: sends (not released), bounces and spam reports.</summary>
public sealed record MailboxWindowCounts(int Sends, int Bounces, int SpamReports);
