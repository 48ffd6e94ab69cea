using System.Reflection;

namespace RoleFerry.Actors.Runtime;

/// <summary>The object behind a grain reference: turns each interface call into a request on the grain's activation.</summary>
public class GrainProxy : DispatchProxy
{
    private ActorRuntime? _runtime;
    private GrainId _grainId;

    internal void Bind(ActorRuntime runtime, GrainId grainId)
    {
        _runtime = runtime;
        _grainId = grainId;
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        if (targetMethod.DeclaringType == typeof(object))
        {
            return targetMethod.Name == nameof(ToString) ? $"GrainReference({_grainId})" : null;
        }

        return GrainMethodPlans.Get(targetMethod).Call(_runtime!, _grainId, args ?? []);
    }
}
