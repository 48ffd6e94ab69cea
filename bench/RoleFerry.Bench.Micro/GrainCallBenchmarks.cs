using BenchmarkDotNet.Attributes;
using RoleFerry.Bench.Grains;

namespace RoleFerry.Bench.Micro;

/// <summary>
/// (6) One empty grain method call through Orleans (grain reference, message, the activation's scheduler, response)
/// from outside any grain, in the product's silo (<see cref="BenchSilo"/>), against a direct interface call on the
/// same grain object (baseline). One async caller awaiting <see cref="Calls"/> calls one after the other per
/// invocation (OperationsPerInvoke), so the figure is the cost of one awaited call, not of BenchmarkDotNet blocking a
/// thread on each returned Task. The silo needs its PostgreSQL (clustering, reminders, storage):
/// <see cref="MicroProgram.ConnectionString"/>.
/// </summary>
[MemoryDiagnoser]
public class GrainCallBenchmarks
{
    private BenchSilo? _silo;
    private IEmptyGrain _grain = null!;
    private IEmptyGrain _direct = null!;

    [GlobalSetup]
    public void Setup()
    {
        var connectionString = MicroProgram.ConnectionString
            ?? throw new InvalidOperationException("No database: run through MicroProgram (./bench.sh), which runs in process.");
        _silo = BenchSilo.StartAsync(connectionString).GetAwaiter().GetResult();
        _grain = _silo.Grains.GetGrain<IEmptyGrain>(1);
        _grain.PingAsync().GetAwaiter().GetResult();
        _direct = EmptyGrain.Instances[1];
    }

    [GlobalCleanup]
    public void Cleanup() => _silo?.DisposeAsync().AsTask().GetAwaiter().GetResult();

    private const int Calls = 1_000;

    [Benchmark(Baseline = true, OperationsPerInvoke = Calls)]
    public async Task DirectCall()
    {
        for (var i = 0; i < Calls; i++)
        {
            await _direct.PingAsync();
        }
    }

    [Benchmark(OperationsPerInvoke = Calls)]
    public async Task GrainCall()
    {
        for (var i = 0; i < Calls; i++)
        {
            await _grain.PingAsync();
        }
    }
}
