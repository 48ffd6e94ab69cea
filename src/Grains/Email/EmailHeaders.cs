namespace RoleFerry.Grains.Email;

/// <summary>Header names (and the one fixed value) RoleFerry sets on the emails it sends.</summary>
public static class EmailHeaders
{
    public const string MessageId = "Message-ID";
    public const string ListUnsubscribe = "List-Unsubscribe";
    public const string ListUnsubscribePost = "List-Unsubscribe-Post";

    /// <summary>Follow-ups: the previous step's Message-ID.</summary>
    public const string InReplyTo = "In-Reply-To";

    /// <summary>Follow-ups: every earlier step's Message-ID, oldest first.</summary>
    public const string References = "References";

    /// <summary>RFC 3834; relays to the user are <c>auto-generated</c>.</summary>
    public const string AutoSubmitted = "Auto-Submitted";

    /// <summary>On a reply relayed to the user: the inbox message it relays (the reader skips these if they come back).</summary>
    public const string RelayOf = "X-RoleFerry-Relay-Of";

    /// <summary>RFC 8058 one-click unsubscribe.</summary>
    public const string OneClick = "List-Unsubscribe=One-Click";
}
