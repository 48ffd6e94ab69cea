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

    /// <summary>Takes one send from today's quota; false when the quota is used up.</summary>
    Task<bool> TryConsumeSendAsync();

    Task<UserQuota> GetQuotaAsync();

    /// <summary>Adds (positive) or spends (negative) credits; refused when the balance would go negative.</summary>
    Task<CreditResult> ChangeCreditsAsync(int delta, string reason, string? reference);
}
