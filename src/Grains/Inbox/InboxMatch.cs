using RoleFerry.Grains.Interfaces.Email;

namespace RoleFerry.Grains.Inbox;

/// <summary>The email of ours a message answers (its bare Message-ID) and how it was found.</summary>
public sealed record InboxMatch(string MessageId, string How)
{
    public const string ByMessageId = "message-id";
    public const string ByUnsubscribeToken = "unsubscribe token";
    public const string BySenderAddress = "recent recipient";

    /// <summary>
    /// Whether RoleFerry acts on the message: what names an email of ours (by a Message-ID we sent, or a signed
    /// unsubscribe token) is believed; what matched by its sender's address alone only when that sender was
    /// authenticated (<see cref="SenderAuthenticator"/>), and never a delivery report, which must name a Message-ID
    /// of ours (anyone can write one about any address).
    /// </summary>
    public bool Believes(InboundEmail email, InboundClassification kind) =>
        How != BySenderAddress || (kind.Kind != EmailEventTypes.Bounce && email.Authentication is not null);
}
