using RoleFerry.Actors;

namespace RoleFerry.Actors.Tests.Grains;

public sealed record ProbeEvent(string Kind, GrainId Grain, string Detail, DateTimeOffset At, object? Data);
