using System.Reflection;

namespace RoleFerry.Actors.Runtime;

/// <summary>Maps grain interfaces and grain type names to the grain classes that implement them.</summary>
internal sealed class GrainTypeRegistry
{
    private readonly Dictionary<Type, GrainClass> _byInterface = new();
    private readonly Dictionary<string, GrainClass> _byTypeName = new(StringComparer.Ordinal);

    public GrainTypeRegistry(IEnumerable<Assembly> assemblies)
    {
        foreach (var type in assemblies.Distinct().SelectMany(a => a.GetTypes()))
        {
            if (type.IsAbstract || !typeof(Grain).IsAssignableFrom(type))
            {
                continue;
            }

            Add(new GrainClass(type));
        }
    }

    public GrainClass GetByInterface(Type grainInterface) =>
        _byInterface.TryGetValue(grainInterface, out var grainClass)
            ? grainClass
            : throw new InvalidOperationException($"No grain class implements {grainInterface}. Is its assembly registered with AddGrains?");

    public GrainClass GetByTypeName(string typeName) =>
        _byTypeName.TryGetValue(typeName, out var grainClass)
            ? grainClass
            : throw new InvalidOperationException($"Unknown grain type '{typeName}'.");

    private void Add(GrainClass grainClass)
    {
        if (!_byTypeName.TryAdd(grainClass.TypeName, grainClass))
        {
            throw new InvalidOperationException(
                $"Grain type name '{grainClass.TypeName}' is used by {grainClass.ClassType} and {_byTypeName[grainClass.TypeName].ClassType}.");
        }

        foreach (var grainInterface in grainClass.ClassType.GetInterfaces().Where(IsGrainContract))
        {
            GrainMethodPlans.Validate(grainInterface);
            if (!_byInterface.TryAdd(grainInterface, grainClass))
            {
                throw new InvalidOperationException(
                    $"{grainInterface} is implemented by both {grainClass.ClassType} and {_byInterface[grainInterface].ClassType}.");
            }
        }
    }

    private static bool IsGrainContract(Type type) =>
        typeof(IGrain).IsAssignableFrom(type)
        && type != typeof(IGrain)
        && type != typeof(IGrainWithIntegerKey)
        && type != typeof(IGrainWithStringKey)
        && type != typeof(IGrainWithGuidKey)
        && type != typeof(IRemindable);
}
