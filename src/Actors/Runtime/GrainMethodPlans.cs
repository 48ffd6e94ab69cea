using System.Collections.Concurrent;
using System.Linq.Expressions;
using System.Reflection;

namespace RoleFerry.Actors.Runtime;

/// <summary>
/// One compiled invoker per grain interface method, built once and cached (no <c>MethodInfo.Invoke</c> on the
/// hot path).
/// </summary>
internal static class GrainMethodPlans
{
    private static readonly ConcurrentDictionary<MethodInfo, GrainMethodPlan> Plans = new();

    private static readonly MethodInfo BuildForResultMethod =
        typeof(GrainMethodPlans).GetMethod(nameof(BuildForResult), BindingFlags.NonPublic | BindingFlags.Static)!;

    public static GrainMethodPlan Get(MethodInfo method) => Plans.GetOrAdd(method, Build);

    /// <summary>Throws unless every method of the interface returns Task or Task&lt;T&gt;.</summary>
    public static void Validate(Type grainInterface)
    {
        foreach (var method in AllMethods(grainInterface))
        {
            var returnType = method.ReturnType;
            var isTask = returnType == typeof(Task)
                || (returnType.IsGenericType && returnType.GetGenericTypeDefinition() == typeof(Task<>));
            if (!isTask || method.IsGenericMethodDefinition)
            {
                throw new InvalidOperationException(
                    $"Grain method {grainInterface.Name}.{method.Name} must be non-generic and return Task or Task<T>.");
            }
        }
    }

    private static IEnumerable<MethodInfo> AllMethods(Type grainInterface) =>
        grainInterface.GetMethods().Concat(grainInterface.GetInterfaces().SelectMany(i => i.GetMethods()));

    private static GrainMethodPlan Build(MethodInfo method)
    {
        if (method.ReturnType == typeof(Task))
        {
            var invoke = Compile<Task>(method);
            return Plan<object?>(method, async (grain, args) =>
            {
                await invoke(grain, args).ConfigureAwait(false);
                return null;
            }, returnsValue: false);
        }

        var resultType = method.ReturnType.GetGenericArguments()[0];
        return (GrainMethodPlan)BuildForResultMethod.MakeGenericMethod(resultType).Invoke(null, [method])!;
    }

    private static GrainMethodPlan BuildForResult<TResult>(MethodInfo method) =>
        Plan(method, Compile<Task<TResult>>(method), returnsValue: true);

    private static GrainMethodPlan Plan<TResult>(
        MethodInfo method,
        Func<object, object?[], Task<TResult>> invoke,
        bool returnsValue)
    {
        var name = $"{method.DeclaringType!.Name}.{method.Name}";
        return returnsValue
            ? new GrainMethodPlan(name, (runtime, id, args) => runtime.InvokeAsync(id, name, invoke, args))
            : new GrainMethodPlan(name, (runtime, id, args) => (Task)runtime.InvokeAsync(id, name, invoke, args));
    }

    private static Func<object, object?[], TTask> Compile<TTask>(MethodInfo method)
    {
        var grain = Expression.Parameter(typeof(object), "grain");
        var args = Expression.Parameter(typeof(object?[]), "args");
        var parameters = method.GetParameters()
            .Select((p, i) => Expression.Convert(Expression.ArrayIndex(args, Expression.Constant(i)), p.ParameterType));
        var call = Expression.Call(Expression.Convert(grain, method.DeclaringType!), method, parameters);
        return Expression.Lambda<Func<object, object?[], TTask>>(call, grain, args).Compile();
    }
}
