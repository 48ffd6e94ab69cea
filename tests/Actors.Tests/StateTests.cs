using Npgsql;
using RoleFerry.Actors.Tests.Grains;

namespace RoleFerry.Actors.Tests;

public sealed class StateTests : RuntimeTest
{
    [Fact]
    public async Task State_survives_a_silo_restart()
    {
        var first = await StartSiloAsync();
        await first.Grains.GetGrain<ICounterGrain>(1).Increment();
        await first.Grains.GetGrain<ICounterGrain>(1).SetText("hello");
        await first.StopAsync();

        var second = await StartSiloAsync();

        Assert.Equal(1, await second.Grains.GetGrain<ICounterGrain>(1).Get());
        Assert.Equal("hello", await second.Grains.GetGrain<ICounterGrain>(1).GetText());
    }

    [Fact]
    public async Task State_written_before_a_crash_survives_it()
    {
        var first = await StartSiloAsync();
        await first.Grains.GetGrain<ICounterGrain>(1).SetText("written");
        first.Kill();

        var second = await StartSiloAsync();

        Assert.Equal("written", await second.Grains.GetGrain<ICounterGrain>(1).GetText());
    }

    [Fact]
    public async Task A_stale_write_throws_InconsistentStateException_and_the_next_call_sees_fresh_state()
    {
        var silo = await StartSiloAsync();
        var grain = silo.Grains.GetGrain<ICounterGrain>(9);
        await grain.SetText("mine");
        await using (var bump = silo.DataSource.CreateCommand(
                         """
                         UPDATE grain_state SET state = '{"count": 41, "text": "theirs"}', version = version + 1
                         WHERE grain_type = 'counter' AND grain_key = '9'
                         """))
        {
            Assert.Equal(1, await bump.ExecuteNonQueryAsync());
        }

        await Assert.ThrowsAsync<InconsistentStateException>(() => grain.SetText("stale"));

        var deactivated = await Probe.WaitFor("deactivate");
        Assert.Equal(nameof(DeactivationReason.InconsistentState), deactivated.Detail);
        Assert.Equal("theirs", await grain.GetText());
        Assert.Equal(42, await grain.Increment());
    }

    [Fact]
    public async Task The_first_write_of_a_new_grain_conflicts_with_a_row_written_meanwhile()
    {
        var silo = await StartSiloAsync();
        var grain = silo.Grains.GetGrain<ICounterGrain>(10);
        Assert.Equal(0, await grain.Get());
        await using (var insert = silo.DataSource.CreateCommand(
                         """
                         INSERT INTO grain_state (grain_type, grain_key, state) VALUES ('counter', '10', '{"count": 5}')
                         """))
        {
            await insert.ExecuteNonQueryAsync();
        }

        await Assert.ThrowsAsync<InconsistentStateException>(() => grain.Increment());
        await Probe.WaitFor("deactivate");

        Assert.Equal(6, await grain.Increment());
    }

    [Fact]
    public async Task Graceful_shutdown_finishes_in_flight_turns_and_persists_state()
    {
        var silo = await StartSiloAsync();
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var grain = silo.Grains.GetGrain<ICounterGrain>(4);
        var inFlight = grain.SetTextSlowly("finished during shutdown", gate);
        await Probe.WaitFor("slow-started");

        var stopping = silo.StopAsync();
        Assert.False(stopping.IsCompleted);
        gate.SetResult();
        await inFlight;
        await stopping;

        var deactivated = await Probe.WaitFor("deactivate");
        Assert.Equal(nameof(DeactivationReason.ShuttingDown), deactivated.Detail);
        var restarted = await StartSiloAsync();
        Assert.Equal("finished during shutdown", await restarted.Grains.GetGrain<ICounterGrain>(4).GetText());
    }

    [Fact]
    public async Task A_stopped_silo_refuses_calls()
    {
        var silo = await StartSiloAsync();
        var grains = silo.Grains;
        silo.Kill();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => grains.GetGrain<ICounterGrain>(1).Get());
    }
}
