using System.Threading.Channels;
using Npgsql;

namespace RoleFerry.Data;

/// <summary>
/// Runs one statement for many callers: requests that arrive while a statement is in flight wait and go together
/// in the next one (at most <paramref name="maxBatch"/>). An idle coalescer runs a lone request at once, so it adds
/// no delay; under load the database sees one statement per batch instead of one per step. A statement of several
/// requests that PostgreSQL refused (a constraint one request broke, a deadlock) committed nothing, so it is run
/// again one request at a time and only the request at fault fails; any other failure (a lost connection: the
/// statement may have committed) fails every request of its batch with the same exception.
/// </summary>
public sealed class StatementCoalescer<TRequest, TResult> : IDisposable
{
    private readonly Channel<(TRequest Request, TaskCompletionSource<TResult> Result)> _queue =
        Channel.CreateUnbounded<(TRequest, TaskCompletionSource<TResult>)>(new UnboundedChannelOptions { SingleReader = true });

    private readonly Func<IReadOnlyList<TRequest>, Task<IReadOnlyList<TResult>>> _run;

    private readonly int _maxBatch;

    /// <summary>The most requests one statement carries unless told otherwise (128 sent 20,000 due steps no faster).</summary>
    public const int DefaultMaxBatch = 64;

    /// <param name="run">Runs one statement for the batch; answers one result per request, in their order.</param>
    /// <param name="maxBatch">The most requests one statement carries.</param>
    public StatementCoalescer(Func<IReadOnlyList<TRequest>, Task<IReadOnlyList<TResult>>> run, int maxBatch = DefaultMaxBatch)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBatch, 1);
        _run = run;
        _maxBatch = maxBatch;
        // The loop runs on the thread pool, outside any grain's scheduler; each caller resumes on its own.
        _ = Task.Run(LoopAsync);
    }

    public Task<TResult> RunAsync(TRequest request)
    {
        var result = new TaskCompletionSource<TResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_queue.Writer.TryWrite((request, result)))
        {
            result.SetException(new ObjectDisposedException(nameof(StatementCoalescer<TRequest, TResult>)));
        }

        return result.Task;
    }

    /// <summary>Takes no more requests; the ones queued still run.</summary>
    public void Dispose() => _queue.Writer.TryComplete();

    private async Task LoopAsync()
    {
        var batch = new List<(TRequest Request, TaskCompletionSource<TResult> Result)>(_maxBatch);
        while (await _queue.Reader.WaitToReadAsync())
        {
            while (batch.Count < _maxBatch && _queue.Reader.TryRead(out var item))
            {
                batch.Add(item);
            }

            try
            {
                await RunBatchAsync(batch);
            }
            catch (PostgresException) when (batch.Count > 1)
            {
                foreach (var alone in batch)
                {
                    await RunAloneAsync(alone);
                }
            }
            catch (Exception error)
            {
                Fail(batch, error);
            }

            batch.Clear();
        }
    }

    private async Task RunBatchAsync(List<(TRequest Request, TaskCompletionSource<TResult> Result)> batch)
    {
        var results = await _run(batch.Select(b => b.Request).ToList());
        for (var i = 0; i < batch.Count; i++)
        {
            batch[i].Result.SetResult(results[i]);
        }
    }

    private async Task RunAloneAsync((TRequest Request, TaskCompletionSource<TResult> Result) alone)
    {
        try
        {
            await RunBatchAsync([alone]);
        }
        catch (Exception error)
        {
            Fail([alone], error);
        }
    }

    private static void Fail(IEnumerable<(TRequest Request, TaskCompletionSource<TResult> Result)> batch, Exception error)
    {
        foreach (var (_, result) in batch)
        {
            result.TrySetException(error);
        }
    }
}
