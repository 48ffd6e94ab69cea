using RoleFerry.Actors;

namespace RoleFerry.Actors.Tests.Grains;

public sealed class TurnGrain : Grain, ITurnGrain
{
    private int _inside;
    private int _maxInside;

    public async Task<int> Enter()
    {
        var inside = Interlocked.Increment(ref _inside);
        InterlockedMax(ref _maxInside, inside);
        for (var i = 0; i < 5; i++)
        {
            await Task.Yield();
            await Task.Delay(1);
        }

        Interlocked.Decrement(ref _inside);
        return Volatile.Read(ref _maxInside);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while ((current = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }
}
