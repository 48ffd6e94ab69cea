using RoleFerry.Grains.Interfaces.Users;
using RoleFerry.Grains.Notifications;

namespace RoleFerry.Grains.Users;

/// <summary>
/// Interview reminders, and the account's erasure, which drops them. The schedule lives in the rows (interviews and the
/// notifications already written); the reminder <see cref="InterviewReminder"/> only wakes the grain when the next
/// announcement is due, and every wake-up announces what is due and re-arms for the next one. Its period is a
/// catch-up: a tick missed while no silo ran comes at most one period late.
/// </summary>
public sealed partial class UserGrain : IRemindable
{
    public const string InterviewReminder = "interview-soon";

    private static readonly TimeSpan InterviewReminderPeriod = TimeSpan.FromHours(1);

    public Task RefreshInterviewRemindersAsync() => AnnounceInterviewsAsync();

    public async Task EraseAsync()
    {
        if (await this.GetReminder(InterviewReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }

        await accounts.EraseAsync(Id);
        DeactivateOnIdle();
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName == InterviewReminder)
        {
            await AnnounceInterviewsAsync();
        }
    }

    private async Task AnnounceInterviewsAsync()
    {
        var now = clock.GetUtcNow();
        await notifications.InterviewsSoonAsync(Id, now);
        var next = await notifications.NextInterviewReminderAsync(Id, now);
        if (next is { } due)
        {
            await this.RegisterOrUpdateReminder(InterviewReminder, due > now ? due - now : TimeSpan.Zero, InterviewReminderPeriod);
        }
        else if (await this.GetReminder(InterviewReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }
}
