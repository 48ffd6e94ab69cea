namespace RoleFerry.Grains.Sequences;

/// <summary>What a claimed step will send: the mailbox, the recipient and the rendered email.</summary>
public sealed record StepClaim(long MailboxId, string To, string Subject, string TextBody, string HtmlBody, string MessageId);
