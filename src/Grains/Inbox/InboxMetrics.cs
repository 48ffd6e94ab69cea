using System.Diagnostics.Metrics;

namespace RoleFerry.Grains.Inbox;

/// <summary>
/// The readers' instruments (meter <c>RoleFerry.Inbox</c>): <c>roleferry.inbox.messages</c> by outcome (an
/// <see cref="InboxCounters"/> name) and <c>roleferry.inbox.rounds</c> by result (ok, failed).
/// </summary>
public sealed class InboxMetrics : IDisposable
{
    public const string MeterName = "RoleFerry.Inbox";

    private readonly Meter _meter;
    private readonly Counter<long> _messages;
    private readonly Counter<long> _rounds;

    public InboxMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        _meter = meters.Create(MeterName);
        _messages = _meter.CreateCounter<long>("roleferry.inbox.messages", "{message}", "Messages read from mailboxes over IMAP, by what became of them");
        _rounds = _meter.CreateCounter<long>("roleferry.inbox.rounds", "{round}", "Reads of a mailbox's new mail, by result");
    }

    public void Message(string outcome) => _messages.Add(1, new KeyValuePair<string, object?>("outcome", outcome));

    public void Round(bool ok) => _rounds.Add(1, new KeyValuePair<string, object?>("result", ok ? "ok" : "failed"));

    public void Dispose() => _meter.Dispose();
}
