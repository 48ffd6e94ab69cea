using System.Globalization;
using RoleFerry.Grains.Inbox;
using RoleFerry.Grains.Interfaces.Mailboxes;
using RoleFerry.Grains.Security;

namespace RoleFerry.Grains.Mailboxes;

/// <summary>
/// A mailbox's settings and its reader (kept apart from the cap and health logic): the IMAP settings the reader
/// connects with, and PATCH /api/admin/mailboxes/{id}. The reader is told one way (it awaits this grain).
/// </summary>
public sealed partial class MailboxGrain
{
    public async Task<ImapSettings?> GetImapSettingsAsync()
    {
        await EnsureExistsAsync();
        var s = State;
        return s is { ImapHost: { } host, ImapPort: { } port, ImapUsername: { } username, ImapPasswordEncrypted: { } password }
            ? new ImapSettings(s.Email, host, port, username, SecretProtector.Sealed(password), s.ImapUseTls)
            : null;
    }

    /// <summary>
    /// Validates the change on top of the current settings, writes it (version-checked; retried once on the
    /// stored row when someone else wrote meanwhile), reloads the row, and tells the pool and the reader: new
    /// credentials are used from the next SMTP connection (the transport keys connections by their settings) and
    /// the next IMAP connection (the reader reconnects).
    /// </summary>
    public async Task<MailboxUpdateResult> UpdateSettingsAsync(MailboxSettingsChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        await EnsureExistsAsync();
        for (var attempt = 1; ; attempt++)
        {
            MailboxSettingsRow row;
            try
            {
                row = Merge(State, change);
            }
            catch (ArgumentException refused) when (refused.ParamName is { Length: > 0 } field)
            {
                return MailboxUpdateResult.Refused(field, refused.Message.Split(" (Parameter", 2)[0]);
            }

            var version = long.Parse(state.Etag!, CultureInfo.InvariantCulture);
            if (await settingsStore.UpdateAsync(Id, version, row, Now))
            {
                break;
            }

            await state.ReadStateAsync();
            if (attempt == 2)
            {
                throw new Orleans.Storage.InconsistentStateException($"Mailbox {Id} kept changing while its settings were written.");
            }
        }

        var readBefore = State.ImapHost is not null;
        ForgetLoginRefusals();
        await state.ReadStateAsync();
        var now = Now;
        RollOver(now);
        NotifyPool(now);
        if (readBefore || State.ImapHost is not null)
        {
            GrainFactory.GetGrain<IMailboxReaderGrain>(Id).SettingsChangedAsync().Ignore();
        }

        return MailboxUpdateResult.Updated(Snapshot(now));
    }

    /// <summary>A mailbox read over IMAP has its reader running (started one way: the reader awaits this grain).</summary>
    private void StartReaderIfRead()
    {
        if (State.ImapHost is not null)
        {
            GrainFactory.GetGrain<IMailboxReaderGrain>(Id).EnsureStartedAsync().Ignore();
        }
    }

    /// <summary>The settings after <paramref name="change"/>, validated like a new mailbox's; passwords encrypted.</summary>
    private MailboxSettingsRow Merge(MailboxState s, MailboxSettingsChange change)
    {
        var imapGiven = !change.RemoveImap && change.ChangesImap;
        var keepImap = !change.RemoveImap && (s.ImapHost is not null || imapGiven);
        var imapTls = change.ImapUseTls ?? (s.ImapHost is not null ? s.ImapUseTls : change.UseTls ?? s.UseTls);
        var imapHost = keepImap ? (change.ImapHost?.Trim() ?? s.ImapHost) : null;
        var imapPort = keepImap ? change.ImapPort ?? s.ImapPort ?? ImapSettingsRules.DefaultPort(imapTls) : (int?)null;
        var smtpUsername = change.SmtpUsername?.Trim() ?? s.SmtpUsername;
        var imapUsername = keepImap ? change.ImapUsername?.Trim() ?? s.ImapUsername ?? smtpUsername : null;
        var candidate = new NewMailbox(
            s.Email, change.Domain ?? s.Domain, change.SmtpHost ?? s.SmtpHost, change.SmtpPort ?? s.SmtpPort, smtpUsername,
            change.SmtpPassword ?? "", change.UseTls ?? s.UseTls, change.DailyCap ?? s.DailyCap,
            change.WarmupEnabled ?? s.WarmupEnabled, change.MinGapSeconds ?? s.MinGapSeconds,
            imapHost, imapPort, imapUsername, keepImap ? change.ImapPassword ?? "" : null, keepImap ? imapTls : null);
        NewMailboxValidator.Validate(candidate);
        RequirePasswordForNewServer(s, change, candidate);

        byte[]? imapPassword = null;
        if (keepImap)
        {
            imapPassword = change.ImapPassword is { } newImap ? secrets.Encrypt(newImap)
                : s.ImapPasswordEncrypted
                ?? (change.SmtpPassword is { } newSmtp ? secrets.Encrypt(newSmtp) : s.SmtpPasswordEncrypted);
        }

        return new MailboxSettingsRow(
            NewMailboxValidator.NormalizeDomain(candidate.Domain), candidate.SmtpHost.Trim(), candidate.SmtpPort, smtpUsername,
            change.SmtpPassword is { } smtp ? secrets.Encrypt(smtp) : s.SmtpPasswordEncrypted, candidate.UseTls, candidate.DailyCap,
            candidate.WarmupEnabled, candidate.MinGapSeconds, imapHost, imapPort, imapUsername, imapPassword, imapTls);
    }

    /// <summary>
    /// A stored password goes only where it was given for: a change of the SMTP (or IMAP) host, port, username or TLS
    /// setting must bring the password again, else an admin could point the mailbox at their own server with TLS off
    /// and receive the stored password at the next login. Adding IMAP counts as a new server (its password would
    /// otherwise default to the stored SMTP one); the SMTP password given in the same change may serve for it.
    /// </summary>
    private static void RequirePasswordForNewServer(MailboxState s, MailboxSettingsChange change, NewMailbox next)
    {
        var smtpMoved = !string.Equals(next.SmtpHost.Trim(), s.SmtpHost, StringComparison.OrdinalIgnoreCase) || next.SmtpPort != s.SmtpPort
            || next.SmtpUsername != s.SmtpUsername || next.UseTls != s.UseTls;
        if (smtpMoved && change.SmtpPassword is null)
        {
            throw new ArgumentException(
                "smtpPassword must be given again to change the SMTP host, port, username or TLS setting.", nameof(change.SmtpPassword));
        }

        var imapMoved = next.ImapHost is not null
            && (s.ImapHost is null || !string.Equals(next.ImapHost, s.ImapHost, StringComparison.OrdinalIgnoreCase) || next.ImapPort != s.ImapPort
                || next.ImapUsername != s.ImapUsername || next.ImapUseTls != s.ImapUseTls);
        var smtpPasswordServes = change.SmtpPassword is not null && (s.ImapHost is null || s.ImapPasswordEncrypted is null);
        if (imapMoved && change.ImapPassword is null && !smtpPasswordServes)
        {
            throw new ArgumentException(
                "imapPassword must be given again to change the IMAP host, port, username or TLS setting.", nameof(change.ImapPassword));
        }
    }
}
