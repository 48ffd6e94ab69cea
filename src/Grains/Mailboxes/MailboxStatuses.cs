namespace RoleFerry.Grains.Mailboxes;

/// <summary>The values of <c>mailboxes.status</c>.</summary>
public static class MailboxStatuses
{
    public const string Warmup = "warmup";
    public const string Active = "active";
    public const string Paused = "paused";
}
