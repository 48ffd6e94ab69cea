using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using RoleFerry.Actors.Storage;

namespace RoleFerry.Actors.Runtime;

/// <summary>
/// How to build one grain class: its grain type name and a compiled factory. Constructor parameters of type
/// <see cref="IPersistentState{TState}"/> get a state bound to the grain id; the rest come from DI.
/// </summary>
internal sealed class GrainClass
{
    private static readonly MethodInfo CreateStateMethod =
        typeof(GrainClass).GetMethod(nameof(CreateState), BindingFlags.NonPublic | BindingFlags.Static)!;

    private readonly ObjectFactory _factory;
    private readonly Func<IServiceProvider, GrainId, IStateLoader>[] _stateFactories;

    public GrainClass(Type classType)
    {
        if (!typeof(Grain).IsAssignableFrom(classType) || classType.IsAbstract)
        {
            throw new ArgumentException($"{classType} is not a concrete grain class.", nameof(classType));
        }

        ClassType = classType;
        TypeName = classType.GetCustomAttribute<GrainTypeAttribute>()?.Name ?? classType.Name;
        IsRemindable = typeof(IRemindable).IsAssignableFrom(classType);

        var stateTypes = classType.GetConstructors()
            .OrderByDescending(c => c.GetParameters().Length)
            .First()
            .GetParameters()
            .Select(p => p.ParameterType)
            .Where(t => t.IsGenericType && t.GetGenericTypeDefinition() == typeof(IPersistentState<>))
            .ToArray();

        _stateFactories = stateTypes
            .Select(t => CreateStateMethod.MakeGenericMethod(t.GetGenericArguments()[0])
                .CreateDelegate<Func<IServiceProvider, GrainId, IStateLoader>>())
            .ToArray();
        _factory = ActivatorUtilities.CreateFactory(classType, stateTypes);
    }

    public Type ClassType { get; }

    public string TypeName { get; }

    public bool IsRemindable { get; }

    /// <summary>Builds the grain, loads its persistent states and attaches it to the activation.</summary>
    public async Task<Grain> CreateAsync(IServiceProvider services, ActivationData activation)
    {
        var states = new IStateLoader[_stateFactories.Length];
        for (var i = 0; i < states.Length; i++)
        {
            states[i] = _stateFactories[i](services, activation.GrainId);
            await states[i].ReadStateAsync().ConfigureAwait(false);
        }

        var grain = (Grain)_factory(services, states);
        grain.Attach(activation);
        return grain;
    }

    private static IStateLoader CreateState<TState>(IServiceProvider services, GrainId grainId)
        where TState : class, new() =>
        new PersistentState<TState>(grainId, services.GetRequiredService<IGrainStorage<TState>>());
}
