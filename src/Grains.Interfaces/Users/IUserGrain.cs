using RoleFerry.Actors;

namespace RoleFerry.Grains.Interfaces.Users;

/// <summary>
/// One user (key: users.id): tier quotas (active sequences, sends per UTC day), enrollment, and a credits wallet
/// whose every change is an immutable ledger row.
/// </summary>
public interface IUserGrain : IGrainWithIntegerKey
{
    /// <summary>Validates and enrolls a contact of one of the user's applications in a template.</summary>
    Task<EnrollmentResult> EnrollAsync(EnrollmentRequest request);

    /// <summary>
    /// Opts one of the user's contacts out of all email: the contact is suppressed and every live sequence to it
    /// stops. False when the contact is not the user's.
    /// </summary>
    Task<bool> OptOutContactAsync(long contactId);

    /// <summary>Takes one send from today's quota; false when the quota is used up.</summary>
    Task<bool> TryConsumeSendAsync();

    Task<UserQuota> GetQuotaAsync();

    /// <summary>Adds (positive) or spends (negative) credits; refused when the balance would go negative.</summary>
    Task<CreditResult> ChangeCreditsAsync(int delta, string reason, string? reference);
}
