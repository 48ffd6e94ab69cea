using RoleFerry.Actors.Tests.Grains;

namespace RoleFerry.Actors.Tests;

public sealed class ActivationTests : RuntimeTest
{
    [Fact]
    public async Task One_activation_per_key_under_1000_concurrent_callers()
    {
        var silo = await StartSiloAsync();

        var ids = await Task.WhenAll(Enumerable.Range(0, 1000)
            .Select(_ => Task.Run(() => silo.Grains.GetGrain<ICounterGrain>(7).ActivationId())));

        Assert.Single(ids.Distinct());
        Assert.Equal(1, Probe.Count("activate"));
        Assert.Equal(1, silo.Runtime.ActivationCount);
    }

    [Fact]
    public async Task Requests_to_one_activation_never_interleave()
    {
        var silo = await StartSiloAsync();
        var grain = silo.Grains.GetGrain<ITurnGrain>(1);

        var maxInside = await Task.WhenAll(Enumerable.Range(0, 200).Select(_ => Task.Run(() => grain.Enter())));

        Assert.Equal(1, maxInside.Max());
    }

    [Fact]
    public async Task Concurrent_read_modify_write_turns_lose_no_update()
    {
        var silo = await StartSiloAsync();

        await Task.WhenAll(Enumerable.Range(0, 300)
            .Select(_ => Task.Run(() => silo.Grains.GetGrain<ICounterGrain>(3).Increment())));

        Assert.Equal(300, await silo.Grains.GetGrain<ICounterGrain>(3).Get());
    }

    [Fact]
    public async Task Different_keys_get_different_activations()
    {
        var silo = await StartSiloAsync();

        var a = await silo.Grains.GetGrain<ICounterGrain>(1).ActivationId();
        var b = await silo.Grains.GetGrain<ICounterGrain>(2).ActivationId();

        Assert.NotEqual(a, b);
        Assert.Equal(2, silo.Runtime.ActivationCount);
    }

    [Fact]
    public async Task A_call_cycle_times_out_with_the_chain_instead_of_hanging()
    {
        var silo = await StartSiloAsync(o => o.CallTimeout = TimeSpan.FromSeconds(5));
        var a = silo.Grains.GetGrain<ICycleGrain>(1);

        var call = a.Ping(2, hops: 2);
        await Clock.WaitForTimersAsync(Clock.GetUtcNow() + TimeSpan.FromSeconds(5), count: 3);
        Clock.Advance(TimeSpan.FromSeconds(6));

        var error = await Assert.ThrowsAsync<GrainCallTimeoutException>(() => call);
        Assert.Equal([new GrainId("cycle", "1")], error.CallChain);
        var inner = await Probe.WaitFor("timeout", e => e.Grain.Key == "2");
        Assert.Equal("cycle/1 -> cycle/2 -> cycle/1", inner.Detail);
    }

    [Fact]
    public async Task Idle_activations_are_collected_after_the_collection_age()
    {
        var silo = await StartSiloAsync(o =>
        {
            o.CollectionAge = TimeSpan.FromMinutes(15);
            o.CollectionQuantum = TimeSpan.FromMinutes(1);
        });
        var grain = silo.Grains.GetGrain<ICounterGrain>(5);
        var first = await grain.ActivationId();

        Clock.Advance(TimeSpan.FromMinutes(14));
        Assert.Equal(1, silo.Runtime.ActivationCount);

        Clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(0, silo.Runtime.ActivationCount);
        var deactivated = await Probe.WaitFor("deactivate");
        Assert.Equal(nameof(DeactivationReason.IdleCollection), deactivated.Detail);

        Assert.NotEqual(first, await grain.ActivationId());
        Assert.Equal(2, Probe.Count("activate"));
    }

    [Fact]
    public async Task A_used_activation_is_not_collected()
    {
        var silo = await StartSiloAsync();
        var grain = silo.Grains.GetGrain<ICounterGrain>(6);
        var first = await grain.ActivationId();

        for (var i = 0; i < 4; i++)
        {
            Clock.Advance(TimeSpan.FromMinutes(10));
            Assert.Equal(first, await grain.ActivationId());
        }

        Assert.Equal(0, Probe.Count("deactivate"));
    }

    [Fact]
    public async Task A_grain_method_exception_reaches_the_caller_and_the_activation_lives_on()
    {
        var silo = await StartSiloAsync();
        var grain = silo.Grains.GetGrain<IReminderTestGrain>("x");

        await Assert.ThrowsAsync<ArgumentException>(() => grain.ScheduleOnce("", Clock.GetUtcNow()));

        await grain.FailNextTicks(0);
        Assert.Equal(1, silo.Runtime.ActivationCount);
    }
}
