namespace RoleFerry.Actors;

/// <summary>Marker for grain interfaces. Methods return <see cref="Task"/> or <see cref="Task{T}"/>.</summary>
public interface IGrain;
