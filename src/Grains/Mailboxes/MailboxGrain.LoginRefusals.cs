namespace RoleFerry.Grains.Mailboxes;

/// <summary>
/// A mailbox whose SMTP server cannot or will not log it in (credentials refused, no AUTH offered, authentication
/// required) is misconfigured: the error shows as <c>lastSendError</c>, and after <see cref="MaxLoginRefusals"/> of them
/// (since its settings last changed or it was last resumed) it pauses itself and tells the admins, instead of its
/// steps failing one after another as if the network were at fault. Kept in memory: a new activation starts counting
/// again, which at worst costs three more refused logins.
/// </summary>
public sealed partial class MailboxGrain
{
    public const int MaxLoginRefusals = 3;

    private int _loginRefusals;

    private string? _lastSendError;

    public async Task RecordLoginRefusedAsync(string error)
    {
        await EnsureExistsAsync();
        _lastSendError = error;
        _loginRefusals++;
        if (_loginRefusals < MaxLoginRefusals || State.Status == MailboxStatuses.Paused)
        {
            return;
        }

        var reason = $"the SMTP server did not log it in {_loginRefusals} times";
        await ChangeAsync($"paused: {reason}", s =>
        {
            s.Status = MailboxStatuses.Paused;
            s.PausedReason = reason;
        });
        await NotifyPausedItselfAsync($"{reason} (last: {error})", Now);
    }

    /// <summary>New settings or an admin's resume: the refusals so far no longer count.</summary>
    private void ForgetLoginRefusals()
    {
        _loginRefusals = 0;
        _lastSendError = null;
    }
}
