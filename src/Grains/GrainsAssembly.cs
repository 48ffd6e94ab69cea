namespace RoleFerry.Grains;

/// <summary>Names this assembly when registering its grain classes with the runtime.</summary>
public static class GrainsAssembly
{
    public static System.Reflection.Assembly Value => typeof(GrainsAssembly).Assembly;
}
