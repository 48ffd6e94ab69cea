using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace RoleFerry.Testing;

/// <summary>
/// The product's host for real: <c>dotnet RoleFerry.Silo.dll --urls URLS --environment ENV</c> as a child process
/// (Kestrel on free local ports, reachable by a browser), configured through environment variables
/// (<c>RoleFerry__Cluster__SiloPort</c>, …). Started when the host logs "Application started" (every hosted service,
/// Orleans' silo among them, is up) and /health/ready then answers 200 on the first URL; killed on dispose. Its last
/// output lines are kept for failure messages.
/// </summary>
public sealed class SiloProcess : IAsyncDisposable
{
    private const int KeptLines = 300;

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private SiloProcess(Process process, Uri baseAddress, int siloPort, string connectionString)
    {
        _process = process;
        BaseAddress = baseAddress;
        SiloPort = siloPort;
        ConnectionString = connectionString;
    }

    /// <summary>The process id (to stop it with a signal of one's own).</summary>
    public int Id => _process.Id;

    public Uri BaseAddress { get; }

    /// <summary>The silo's database.</summary>
    public string ConnectionString { get; }

    public int SiloPort { get; }

    public string Output => string.Join(Environment.NewLine, _output);

    /// <param name="settings">the silo's configuration (<c>ConnectionStrings:RoleFerry</c>, <c>RoleFerry:Cluster:SiloPort</c>, …).</param>
    /// <param name="urls">where Kestrel listens; the first is <see cref="BaseAddress"/>; none: a free port of 127.0.0.1.</param>
    public static async Task<SiloProcess> StartAsync(string environment, IReadOnlyDictionary<string, string?> settings, params Uri[] urls)
    {
        if (urls.Length == 0)
        {
            urls = [new Uri($"http://127.0.0.1:{FreePort.Next().ToString(CultureInfo.InvariantCulture)}")];
        }

        var baseAddress = urls[0];
        var siloPort = int.Parse(settings["RoleFerry:Cluster:SiloPort"]!, CultureInfo.InvariantCulture);
        var connectionString = settings["ConnectionStrings:RoleFerry"]!;
        var start = SiloCommand.StartInfo(
            settings, "--urls", string.Join(';', urls.Select(u => u.ToString().TrimEnd('/'))), "--environment", environment);
        var silo = new SiloProcess(new Process { StartInfo = start, EnableRaisingEvents = true }, baseAddress, siloPort, connectionString);
        silo._process.OutputDataReceived += (_, e) => silo.Keep(e.Data);
        silo._process.ErrorDataReceived += (_, e) => silo.Keep(e.Data);
        silo._process.Exited += (_, _) => silo._started.TrySetException(
            new InvalidOperationException($"The silo exited with code {silo._process.ExitCode}:{Environment.NewLine}{silo.Output}"));
        silo._process.Start();
        silo._process.BeginOutputReadLine();
        silo._process.BeginErrorReadLine();
        try
        {
            await silo.WaitUntilReadyAsync(TimeSpan.FromSeconds(120));
        }
        catch
        {
            await silo.DisposeAsync();
            throw;
        }

        return silo;
    }

    public HttpClient Client() => new() { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (InvalidOperationException)
        {
            // never started
        }
        finally
        {
            _process.Dispose();
        }
    }

    private async Task WaitUntilReadyAsync(TimeSpan limit)
    {
        try
        {
            await _started.Task.WaitAsync(limit);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"The silo at {BaseAddress} did not start within {limit}:{Environment.NewLine}{Output}");
        }

        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        using var ready = await client.GetAsync("/health/ready");
        if (!ready.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"The silo started but /health/ready answered {(int)ready.StatusCode}:{Environment.NewLine}{Output}");
        }
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        _output.Enqueue(line);
        if (line.Contains("Application started", StringComparison.Ordinal))
        {
            _started.TrySetResult();
        }

        while (_output.Count > KeptLines && _output.TryDequeue(out _))
        {
        }
    }
}
