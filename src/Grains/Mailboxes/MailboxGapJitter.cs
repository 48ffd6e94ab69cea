using Microsoft.Extensions.Options;

namespace RoleFerry.Grains.Mailboxes;

/// <summary>
/// The random extra gap (0..<see cref="MailboxOptions.GapJitterSeconds"/> whole seconds) a mailbox adds to its
/// minimum gap after each send, so sends do not leave on a visible beat. Seeded by
/// <see cref="MailboxOptions.GapJitterSeed"/> when set (reproducible), else randomly. Shared and thread-safe.
/// </summary>
public sealed class MailboxGapJitter
{
    private readonly Lock _gate = new();
    private readonly Random _random;
    private readonly int _maxSeconds;

    public MailboxGapJitter(IOptions<MailboxOptions> options)
    {
        _maxSeconds = options.Value.GapJitterSeconds;
        _random = options.Value.GapJitterSeed is int seed ? new Random(seed) : new Random();
    }

    public TimeSpan Next()
    {
        if (_maxSeconds <= 0)
        {
            return TimeSpan.Zero;
        }

        lock (_gate)
        {
            return TimeSpan.FromSeconds(_random.Next(0, _maxSeconds + 1));
        }
    }
}
