namespace RoleFerry.Actors.Runtime;

/// <summary>A compiled way to call one grain interface method: returns the Task (or Task&lt;T&gt;) the proxy hands back.</summary>
internal sealed class GrainMethodPlan(string name, Func<ActorRuntime, GrainId, object?[], object> call)
{
    public string Name { get; } = name;

    public object Call(ActorRuntime runtime, GrainId grainId, object?[] arguments) => call(runtime, grainId, arguments);
}
