namespace RoleFerry.Actors;

/// <summary>The identity of a grain: its grain type name and its key, as text.</summary>
public readonly record struct GrainId(string Type, string Key)
{
    public override string ToString() => $"{Type}/{Key}";
}
