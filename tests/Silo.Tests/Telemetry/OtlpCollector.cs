using System.Collections.Concurrent;
using System.Net;
using System.Text;
using RoleFerry.Testing;

namespace RoleFerry.Silo.Tests.Telemetry;

/// <summary>
/// A stand-in OTLP/HTTP collector on a free local port: answers 200 to every POST and keeps what came, by path
/// (<c>/v1/metrics</c>, <c>/v1/logs</c>). Protobuf bodies are kept as text to look for names in them.
/// </summary>
public sealed class OtlpCollector : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly ConcurrentQueue<(string Path, string Body)> _received = new();
    private readonly Lock _gate = new();
    private TaskCompletionSource _arrived = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public OtlpCollector()
    {
        Endpoint = $"http://127.0.0.1:{FreePort.Next()}";
        _listener.Prefixes.Add(Endpoint + "/");
        _listener.Start();
        _ = Task.Run(ServeAsync);
    }

    public string Endpoint { get; }

    /// <summary>Waits up to <paramref name="timeout"/> for a request to <paramref name="path"/> whose body contains <paramref name="text"/>.</summary>
    public async Task<bool> ReceivedAsync(string path, string text, TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        while (true)
        {
            Task arrived;
            lock (_gate)
            {
                arrived = _arrived.Task;
            }

            if (_received.Any(r => r.Path == path && r.Body.Contains(text, StringComparison.Ordinal)))
            {
                return true;
            }

            var left = until - DateTime.UtcNow;
            try
            {
                await arrived.WaitAsync(left > TimeSpan.Zero ? left : TimeSpan.Zero);
            }
            catch (TimeoutException)
            {
                return false;
            }
        }
    }

    public void Dispose() => _listener.Close();

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception) when (!_listener.IsListening)
            {
                return;
            }

            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body);
            _received.Enqueue((context.Request.Url!.AbsolutePath, Encoding.UTF8.GetString(body.ToArray())));
            lock (_gate)
            {
                _arrived.TrySetResult();
                _arrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }

            context.Response.StatusCode = 200;
            context.Response.Close();
        }
    }
}
