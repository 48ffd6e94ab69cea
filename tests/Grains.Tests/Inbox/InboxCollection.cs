namespace RoleFerry.Grains.Tests.Inbox;

/// <summary>
/// The tests that read mailboxes over IMAP run one class at a time: each holds a silo and its connection pools
/// while it waits on real time for Dovecot, and side by side they pushed the suite past PostgreSQL's connection limit.
/// </summary>
[CollectionDefinition(Name)]
public sealed class InboxCollection
{
    public const string Name = "Inbox over IMAP";
}
