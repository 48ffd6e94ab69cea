namespace RoleFerry.Grains.Interfaces.Users;

/// <summary>
/// The account side of the user grain (same grain, key users.id): the reminder that announces interviews 24 hours
/// ahead, and closing the account before its rows are erased.
/// </summary>
[Alias("RoleFerry.IUserAccountGrain")]
public interface IUserAccountGrain : IGrainWithIntegerKey
{
    /// <summary>
    /// The user's interviews changed: announces those less than 24 hours away now, and arms the reminder for the
    /// next one (or drops it when none is left).
    /// </summary>
    [Alias("RefreshInterviewReminders")]
    Task RefreshInterviewRemindersAsync();

    /// <summary>The account is being erased: drops the user's reminders and deactivates the grain.</summary>
    [Alias("Close")]
    Task CloseAsync();
}
