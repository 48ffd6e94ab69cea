namespace RoleFerry.Actors.Storage;

/// <summary>A persistent state the runtime loads before the grain activates.</summary>
internal interface IStateLoader
{
    Task ReadStateAsync();
}
