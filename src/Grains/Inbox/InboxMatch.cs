namespace RoleFerry.Grains.Inbox;

/// <summary>The email of ours a message answers (its bare Message-ID) and how it was found.</summary>
public sealed record InboxMatch(string MessageId, string How);
