using RoleFerry.Grains.Email;
using RoleFerry.Grains.Mailboxes;

namespace RoleFerry.Grains.Tests.Sequences;

/// <summary>
/// A mail path that takes the message and does not answer until <see cref="Release"/> (never, if the test kills
/// the silo: as when the process dies mid-send).
/// </summary>
public sealed class StuckTransport : IMailTransport
{
    private readonly TaskCompletionSource _entered = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<SendOutcome> _outcome = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when a send is in progress.</summary>
    public Task Entered => _entered.Task;

    public Task<SendOutcome> SendAsync(SmtpSettings settings, OutgoingEmail email, CancellationToken cancellationToken)
    {
        _entered.TrySetResult();
        return _outcome.Task;
    }

    public void Release(SendOutcome outcome) => _outcome.TrySetResult(outcome);
}
