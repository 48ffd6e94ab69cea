using RoleFerry.Actors;

namespace RoleFerry.Actors.Tests.Grains;

public interface ITurnGrain : IGrainWithIntegerKey
{
    /// <summary>Enters, yields several times, leaves; returns how many requests were inside at once at most so far.</summary>
    Task<int> Enter();
}
