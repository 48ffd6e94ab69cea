using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RoleFerry.Actors.Hosting;
using RoleFerry.Actors.Reminders;

namespace RoleFerry.Actors.Runtime;

/// <summary>
/// The grain runtime of one silo: the catalog of activations, the grain factory, reminders and metrics.
/// Every grain call goes through <see cref="InvokeAsync{TResult}"/>.
/// </summary>
public sealed class ActorRuntime : IDisposable
{
    internal ActorRuntime(
        IServiceProvider services,
        IOptions<ActorRuntimeOptions> options,
        TimeProvider timeProvider,
        GrainTypeRegistry registry,
        ReminderTable reminderTable,
        ILogger<ActorRuntime> logger)
    {
        Services = services;
        Options = options.Value;
        Options.Validate();
        TimeProvider = timeProvider;
        Registry = registry;
        Logger = logger;
        Metrics = new ActorMetrics();
        Catalog = new Catalog(this);
        GrainFactory = new GrainFactory(this);
        Partitions = new PartitionMap(Options.PartitionCount);
        Reminders = new ReminderService(this, reminderTable);
    }

    private ITimer? _collector;

    public IGrainFactory GrainFactory { get; }

    public TimeProvider TimeProvider { get; }

    /// <summary>Activations alive on this silo.</summary>
    public int ActivationCount => Catalog.Count;

    internal IServiceProvider Services { get; }

    internal ActorRuntimeOptions Options { get; }

    internal GrainTypeRegistry Registry { get; }

    internal ILogger Logger { get; }

    internal ActorMetrics Metrics { get; }

    internal Catalog Catalog { get; }

    internal PartitionMap Partitions { get; }

    internal ReminderService Reminders { get; }

    /// <summary>Starts idle collection and reminder delivery.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var quantum = Options.CollectionQuantum;
        _collector = TimeProvider.CreateTimer(
            _ => Catalog.CollectIdle(TimeProvider.GetUtcNow(), Options.CollectionAge), null, quantum, quantum);
        await Reminders.StartAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Graceful stop: reminders stop firing, new external calls are refused, queued and running turns finish and
    /// every activation deactivates (grains persist in <see cref="Grain.OnDeactivateAsync"/>).
    /// </summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _collector?.Dispose();
        await Reminders.StopAsync().ConfigureAwait(false);
        using var timeout = new CancellationTokenSource(Options.ShutdownTimeout, TimeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);
        await Catalog.DeactivateAllAsync(linked.Token).ConfigureAwait(false);
    }

    /// <summary>Sends one request to a grain and waits for its answer, at most the call timeout.</summary>
    internal async Task<TResult> InvokeAsync<TResult>(
        GrainId grainId,
        string methodName,
        Func<object, object?[], Task<TResult>> invoke,
        object?[] arguments)
    {
        var chain = CallChain.Extend(CallChain.Current, grainId);
        var item = new WorkItem<TResult>(invoke, arguments, chain, methodName, TimeProvider.GetUtcNow() + Options.CallTimeout);
        var started = Stopwatch.GetTimestamp();
        var failed = true;
        try
        {
            Catalog.Enqueue(grainId, item);
            var result = await item.Completion.WaitAsync(Options.CallTimeout, TimeProvider).ConfigureAwait(false);
            failed = false;
            return result;
        }
        catch (TimeoutException timeout) when (!ThrownByGrain(item.Completion, timeout))
        {
            var error = CallTimedOut(item);
            item.Fail(error);
            throw error;
        }
        finally
        {
            Metrics.CallCompleted(grainId.Type, Stopwatch.GetElapsedTime(started).TotalMilliseconds, failed);
        }
    }

    private static bool ThrownByGrain(Task completion, Exception error) =>
        completion.IsFaulted && completion.Exception!.InnerExceptions.Contains(error);

    internal GrainCallTimeoutException CallTimedOut(WorkItem item) =>
        new($"Call {item.MethodName} on {item.Chain.Grain} timed out after {Options.CallTimeout}; call chain: {item.Chain}",
            item.Chain.ToList());

    /// <summary>Delivers a reminder tick through the grain's turn queue.</summary>
    internal Task DeliverReminderAsync(GrainId grainId, string reminderName, TickStatus status) =>
        InvokeAsync<object?>(grainId, nameof(IRemindable.ReceiveReminder), async (grain, _) =>
        {
            await ((IRemindable)grain).ReceiveReminder(reminderName, status).ConfigureAwait(false);
            return null;
        }, []);

    /// <summary>
    /// Abrupt stop, as when the process dies: timers stop, every call is refused, nothing is deactivated or
    /// persisted. Use <see cref="StopAsync"/> for a graceful stop.
    /// </summary>
    public void Dispose()
    {
        _collector?.Dispose();
        Reminders.Abort();
        Catalog.Abort();
        Metrics.Dispose();
    }
}
