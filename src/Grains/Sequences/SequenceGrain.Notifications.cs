using Microsoft.Extensions.DependencyInjection;
using RoleFerry.Grains.Notifications;

namespace RoleFerry.Grains.Sequences;

/// <summary>What a sequence tells its user (kept apart from the sending logic).</summary>
public sealed partial class SequenceGrain
{
    /// <summary>The last step went out: a <c>sequence_completed</c> notification (once per sequence).</summary>
    private Task NotifyCompletedAsync() =>
        ServiceProvider.GetRequiredService<NotificationStore>().SequenceCompletedAsync(Id, Now);
}
