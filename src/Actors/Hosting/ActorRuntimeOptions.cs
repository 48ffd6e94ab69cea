namespace RoleFerry.Actors.Hosting;

/// <summary>Settings of the grain runtime (configuration section <c>RoleFerry:Actors</c>).</summary>
public sealed class ActorRuntimeOptions
{
    public const string SectionName = "RoleFerry:Actors";

    /// <summary>How long a caller waits for a grain call before it fails with <see cref="GrainCallTimeoutException"/>.</summary>
    public TimeSpan CallTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>An activation unused for this long is deactivated.</summary>
    public TimeSpan CollectionAge { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How often idle activations are looked for.</summary>
    public TimeSpan CollectionQuantum { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Reminders due within this window are held in memory and fire on time.</summary>
    public TimeSpan ReminderWindow { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How often the reminder table is scanned for reminders entering the window. Must be shorter than the window.</summary>
    public TimeSpan ReminderScanInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>First retry delay of a failed reminder tick; doubles per attempt up to <see cref="ReminderRetryMax"/>.</summary>
    public TimeSpan ReminderRetryBase { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan ReminderRetryMax { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How many reminder ticks may be delivered at the same time.</summary>
    public int MaxConcurrentReminderTicks { get; set; } = 256;

    /// <summary>Number of placement partitions (<c>stableHash(grainType, key) mod P</c>). Fixed for the life of a cluster.</summary>
    public int PartitionCount { get; set; } = 64;

    /// <summary>How long a graceful shutdown waits for in-flight turns and deactivations.</summary>
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Throws when the settings cannot work together.</summary>
    public void Validate()
    {
        RequirePositive(CallTimeout, nameof(CallTimeout));
        RequirePositive(CollectionAge, nameof(CollectionAge));
        RequirePositive(CollectionQuantum, nameof(CollectionQuantum));
        RequirePositive(ReminderWindow, nameof(ReminderWindow));
        RequirePositive(ReminderScanInterval, nameof(ReminderScanInterval));
        RequirePositive(ReminderRetryBase, nameof(ReminderRetryBase));
        RequirePositive(ReminderRetryMax, nameof(ReminderRetryMax));
        RequirePositive(ShutdownTimeout, nameof(ShutdownTimeout));
        if (ReminderScanInterval >= ReminderWindow)
        {
            throw new InvalidOperationException(
                $"{SectionName}:{nameof(ReminderScanInterval)} ({ReminderScanInterval}) must be shorter than {nameof(ReminderWindow)} ({ReminderWindow}), or reminders could be missed.");
        }

        if (MaxConcurrentReminderTicks < 1)
        {
            throw new InvalidOperationException($"{SectionName}:{nameof(MaxConcurrentReminderTicks)} must be at least 1.");
        }

        if (PartitionCount is < 1 or > 4096)
        {
            throw new InvalidOperationException($"{SectionName}:{nameof(PartitionCount)} must be between 1 and 4096.");
        }
    }

    private static void RequirePositive(TimeSpan value, string name)
    {
        if (value <= TimeSpan.Zero)
        {
            throw new InvalidOperationException($"{SectionName}:{name} must be positive (was {value}).");
        }
    }
}
