namespace RoleFerry.Actors;

/// <summary>
/// Names a grain class's type in grain ids, reminders and placement. Keep it stable: it is stored.
/// Without it the class name is used.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class GrainTypeAttribute(string name) : Attribute
{
    public string Name { get; } = name;
}
