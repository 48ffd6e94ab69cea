namespace RoleFerry.Grains.Inbox;

/// <summary>A genuine reply claimed for relaying to its user: who wrote it, what, and about which application.</summary>
public sealed record PendingRelay(
    long InboxMessageId,
    int Attempts,
    string FromAddress,
    string? FromName,
    string Subject,
    string TextBody,
    string UserEmail,
    string UserName,
    long? ApplicationId,
    string? JobTitle,
    string? CompanyName);
