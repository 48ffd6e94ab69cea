using RoleFerry.Grains.Email;
using RoleFerry.Grains.Mailboxes;

namespace RoleFerry.Bench;

/// <summary>
/// The mail transport of the engine-only dispatch run (section 2): every send is accepted at once, nothing leaves
/// the process. Counts the sends so the run can check every step went out exactly once.
/// </summary>
public sealed class NullMailTransport : IMailTransport
{
    private long _sends;

    public long Sends => Interlocked.Read(ref _sends);

    public Task<SendOutcome> SendAsync(SmtpSettings settings, OutgoingEmail email, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _sends);
        return Task.FromResult(SendOutcome.Success("accepted by the null transport"));
    }
}
