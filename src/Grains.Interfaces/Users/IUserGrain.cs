namespace RoleFerry.Grains.Interfaces.Users;

/// <summary>
/// One user (key: users.id): tier quotas (active sequences, sends per UTC day), enrollment, and a credits wallet
/// whose every change is an immutable ledger row.
/// </summary>
[Alias("RoleFerry.IUserGrain")]
public interface IUserGrain : IGrainWithIntegerKey
{
    /// <summary>Validates and enrolls a contact of one of the user's applications in a template.</summary>
    [Alias("Enroll")]
    Task<EnrollmentResult> EnrollAsync(EnrollmentRequest request);

    /// <summary>
    /// Opts one of the user's contacts out of all email: the contact is suppressed (committed before this returns)
    /// and every live sequence to it is asked to stop. False when the contact is not the user's.
    /// </summary>
    [Alias("OptOutContact")]
    Task<bool> OptOutContactAsync(long contactId);

    /// <summary>Takes one send from today's quota; false when the quota is used up.</summary>
    [Alias("TryConsumeSend")]
    Task<bool> TryConsumeSendAsync();

    /// <summary>Gives a send taken today back: its step was not claimed, or SMTP said "try later".</summary>
    [Alias("ReleaseSend")]
    Task ReleaseSendAsync();

    [Alias("GetQuota")]
    Task<UserQuota> GetQuotaAsync();

    /// <summary>Adds (positive) or spends (negative) credits; refused when the balance would go negative.</summary>
    [Alias("ChangeCredits")]
    Task<CreditResult> ChangeCreditsAsync(int delta, string reason, string? reference);
}
