using Npgsql;
using RoleFerry.Grains.Interfaces.Sequences;

namespace RoleFerry.Grains.Users;

/// <summary>The user grain's reads beside its state: usage counts and the ledger.</summary>
public sealed class UserStore(NpgsqlDataSource db)
{
    public async Task<int> CountLiveSequencesAsync(long userId) => Convert.ToInt32(await db.ScalarAsync(
        $"SELECT count(*) FROM sequence_instances WHERE user_id = $1 AND status IN {SequenceStatuses.LiveSql}", userId));

    /// <summary>
    /// The sends today's quota has used: steps claimed since <paramref name="dayStart"/> and not given back (a step
    /// SMTP deferred goes back to scheduled with its claim cleared, see SequenceOutreachStore.MarkRetryAsync).
    /// </summary>
    public async Task<int> CountClaimedSinceAsync(long userId, DateTimeOffset dayStart) => Convert.ToInt32(await db.ScalarAsync(
        "SELECT count(*) FROM outreach WHERE user_id = $1 AND claimed_at >= $2", userId, dayStart));

    /// <summary>True when the wallet already holds the change (<paramref name="reason"/>, <paramref name="reference"/>).</summary>
    public async Task<bool> HasLedgerEntryAsync(long userId, string reason, string reference) =>
        await db.ScalarAsync("SELECT 1 FROM credit_ledger WHERE user_id = $1 AND reason = $2 AND ref = $3", userId, reason, reference) is not null;
}
