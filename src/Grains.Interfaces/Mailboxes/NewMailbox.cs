namespace RoleFerry.Grains.Interfaces.Mailboxes;

/// <summary>A mailbox to add to the platform pool (admin API).</summary>
[GenerateSerializer, Immutable, Alias("RoleFerry.NewMailbox")]
public sealed record NewMailbox(
    [property: Id(0)] string Email,
    [property: Id(1)] string Domain,
    [property: Id(2)] string SmtpHost,
    [property: Id(3)] int SmtpPort,
    [property: Id(4)] string SmtpUsername,
    [property: Id(5)] string SmtpPassword,
    [property: Id(6)] bool UseTls,
    [property: Id(7)] int DailyCap,
    [property: Id(8)] bool WarmupEnabled,
    [property: Id(9)] int MinGapSeconds)
{
    public override string ToString() => $"{Email} via {SmtpHost}:{SmtpPort}";
}
