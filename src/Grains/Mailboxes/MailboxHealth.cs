namespace RoleFerry.Grains.Mailboxes;

/// <summary>One health computation: the score and the 7-day figures it came from (a health log row).</summary>
public sealed record MailboxHealth(int Score, decimal BounceRate, MailboxWindowCounts Counts);
