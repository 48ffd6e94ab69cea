using System.Reflection;

namespace RoleFerry.Actors.Hosting;

/// <summary>The assemblies scanned for grain classes.</summary>
internal sealed class GrainAssemblies
{
    public List<Assembly> Assemblies { get; } = [];
}
