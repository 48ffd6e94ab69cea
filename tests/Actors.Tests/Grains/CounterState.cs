namespace RoleFerry.Actors.Tests.Grains;

public sealed class CounterState
{
    public int Count { get; set; }

    public string? Text { get; set; }
}
