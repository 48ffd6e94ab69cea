namespace RoleFerry.Grains.Email;

/// <summary>Header names (and the one fixed value) RoleFerry sets on every email.</summary>
public static class EmailHeaders
{
    public const string MessageId = "Message-ID";
    public const string ListUnsubscribe = "List-Unsubscribe";
    public const string ListUnsubscribePost = "List-Unsubscribe-Post";

    /// <summary>RFC 8058 one-click unsubscribe.</summary>
    public const string OneClick = "List-Unsubscribe=One-Click";
}
