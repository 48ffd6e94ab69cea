namespace RoleFerry.Grains.Interfaces.Email;

public static class EmailEventTypes
{
    public const string Delivered = "delivered";
    public const string Bounce = "bounce";
    public const string SpamReport = "spam_report";
    public const string Reply = "reply";
    public const string AutoReply = "auto_reply";
    public const string Unsubscribe = "unsubscribe";
    public const string Open = "open";
    public const string Click = "click";

    /// <summary>The types the webhook accepts (open and click come from the tracking endpoints).</summary>
    public static readonly IReadOnlySet<string> Webhook = new HashSet<string>
    {
        Delivered, Bounce, SpamReport, Reply, AutoReply, Unsubscribe,
    };
}
