using RoleFerry.Grains.Email;
using RoleFerry.Grains.Mailboxes;

namespace RoleFerry.Grains.Tests.Sequences;

/// <summary>
/// The real mail transport, holding each answer back after the server gave it until the test lets it go: what
/// happens between "the email left" and "the grain recorded it" can then be arranged.
/// </summary>
public sealed class GatedTransport(IMailTransport inner) : IMailTransport
{
    private readonly TaskCompletionSource _sent = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when a message was handed to the SMTP server and its answer is held.</summary>
    public Task Sent => _sent.Task;

    public async Task<SendOutcome> SendAsync(SmtpSettings settings, OutgoingEmail email, CancellationToken cancellationToken)
    {
        var outcome = await inner.SendAsync(settings, email, cancellationToken);
        _sent.TrySetResult();
        await _release.Task;
        return outcome;
    }

    /// <summary>Lets the held answer (and every later one) through.</summary>
    public void Release() => _release.TrySetResult();
}
