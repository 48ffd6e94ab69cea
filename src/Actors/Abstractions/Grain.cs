using System.Globalization;
using RoleFerry.Actors.Runtime;

namespace RoleFerry.Actors;

/// <summary>
/// Base class of grain implementations. One activation per grain id runs one request at a time, to completion,
/// across awaits (turn-based, non-reentrant).
/// </summary>
public abstract class Grain
{
    private ActivationData? _activation;

    internal ActivationData Activation =>
        _activation ?? throw new InvalidOperationException("The grain is not activated by the runtime.");

    internal void Attach(ActivationData activation) => _activation = activation;

    public GrainId GrainId => Activation.GrainId;

    protected IGrainFactory GrainFactory => Activation.Runtime.GrainFactory;

    /// <summary>The clock of the runtime (a fake one in tests).</summary>
    protected TimeProvider TimeProvider => Activation.Runtime.TimeProvider;

    public virtual Task OnActivateAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public virtual Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) =>
        Task.CompletedTask;

    /// <summary>Deactivates this activation once the current turn ends.</summary>
    protected void DeactivateOnIdle() => Activation.RequestDeactivation(DeactivationReason.ApplicationRequested);

    public long GetPrimaryKeyLong() => long.Parse(GrainId.Key, CultureInfo.InvariantCulture);

    public string GetPrimaryKeyString() => GrainId.Key;

    public Guid GetPrimaryKey() => Guid.ParseExact(GrainId.Key, "N");

    /// <summary>Registers (or moves) a periodic reminder: first tick after <paramref name="dueTime"/>, then every <paramref name="period"/>.</summary>
    protected Task<IGrainReminder> RegisterOrUpdateReminder(string reminderName, TimeSpan dueTime, TimeSpan period)
    {
        if (period <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(period), period, "A periodic reminder needs a positive period.");
        }

        var dueAt = TimeProvider.GetUtcNow() + dueTime;
        return Activation.Runtime.Reminders.RegisterAsync(GrainId, reminderName, dueAt, period);
    }

    /// <summary>Registers (or moves) a one-shot reminder that fires once at <paramref name="dueAt"/>.</summary>
    protected Task<IGrainReminder> RegisterOneShotReminder(string reminderName, DateTimeOffset dueAt) =>
        Activation.Runtime.Reminders.RegisterAsync(GrainId, reminderName, dueAt, period: null);

    protected Task<IGrainReminder?> GetReminder(string reminderName) =>
        Activation.Runtime.Reminders.GetAsync(GrainId, reminderName);

    protected Task UnregisterReminder(string reminderName) =>
        Activation.Runtime.Reminders.UnregisterAsync(GrainId, reminderName);
}
