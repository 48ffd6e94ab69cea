namespace RoleFerry.Grains.Interfaces.Mailboxes;

/// <summary>A mailbox to add to the platform pool (admin API).</summary>
public sealed record NewMailbox(
    string Email,
    string Domain,
    string SmtpHost,
    int SmtpPort,
    string SmtpUsername,
    string SmtpPassword,
    bool UseTls,
    int DailyCap,
    bool WarmupEnabled,
    int MinGapSeconds)
{
    public override string ToString() => $"{Email} via {SmtpHost}:{SmtpPort}";
}
