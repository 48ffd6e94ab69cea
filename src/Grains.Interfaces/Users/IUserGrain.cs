namespace RoleFerry.Grains.Interfaces.Users;

/// <summary>
/// One user (key: users.id): tier quotas (active sequences, sends per UTC day), enrollment, a credits wallet whose
/// every change is an immutable ledger row, the profile, the reminder that announces interviews 24 hours ahead, and
/// the account's erasure. The <c>users</c> row is written only by the user's grains: this one (wallet, profile,
/// erasure), <see cref="ISessionGrain"/> (sign-in columns) and <see cref="IUserDirectoryGrain"/> (registration).
/// What the API may call; sequences take and give back sends of today's quota through the grain's second, internal
/// interface (<c>IUserEngineGrain</c> in RoleFerry.Grains).
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

    [Alias("GetQuota")]
    Task<UserQuota> GetQuotaAsync();

    /// <summary>Adds (positive) or spends (negative) credits; refused when the balance would go negative.</summary>
    [Alias("ChangeCredits")]
    Task<CreditResult> ChangeCreditsAsync(int delta, string reason, string? reference);

    /// <summary>Changes the profile fields the change carries (<c>PATCH /api/me</c>); the others stay.</summary>
    [Alias("UpdateProfile")]
    Task UpdateProfileAsync(ProfileChange change);

    /// <summary>
    /// The user's interviews changed: announces those less than 24 hours away now, and arms the reminder for the
    /// next one (or drops it when none is left).
    /// </summary>
    [Alias("RefreshInterviewReminders")]
    Task RefreshInterviewRemindersAsync();

    /// <summary>
    /// Erases the account (<c>DELETE /api/me</c>, after its sequences were canceled through their grains): the
    /// user's reminders go, the rows are erased in one transaction, and the grain deactivates.
    /// </summary>
    [Alias("Erase")]
    Task EraseAsync();
}
