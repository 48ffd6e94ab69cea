using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;

namespace RoleFerry.Bench;

/// <summary>
/// The real silo (src/Silo, Release build) as a separate process on a free local port, configured only through
/// environment variables: the connection string, the required secrets (RequiredSecretsValidator: SecretKey,
/// TokenSigningKey, WebhookSecret; fresh random keys per run) and free local ports for Orleans' silo-to-silo and
/// gateway endpoints (RoleFerry:Cluster; the defaults 11111/30000 may be taken by another silo on the machine). Production environment, default logging (as
/// deployed: a line per error answer, none per successful one), written to a log file. Ready when GET /health/ready answers 200; stopped with
/// SIGTERM (graceful shutdown), killed only when it does not exit within 30 s.
/// </summary>
public sealed class SiloProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(30);

    private readonly Process _process;
    private readonly StreamWriter _log;
    private readonly Lock _gate = new();
    private bool _closed;

    private SiloProcess(Process process, StreamWriter log, Uri baseAddress, string logPath)
    {
        _process = process;
        _log = log;
        BaseAddress = baseAddress;
        LogPath = logPath;
    }

    public Uri BaseAddress { get; }

    public string LogPath { get; }

    /// <summary>src/Silo/bin/Release/net10.0/RoleFerry.Silo.dll, found upwards from this harness's folder.</summary>
    public static string FindSiloDll()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "src", "Silo", "bin", "Release", "net10.0", "RoleFerry.Silo.dll");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException("src/Silo/bin/Release/net10.0/RoleFerry.Silo.dll not found; build it with `dotnet build src/Silo -c Release`.");
    }

    public static async Task<SiloProcess> StartAsync(string connectionString, string logPath)
    {
        var dll = FindSiloDll();
        var port = RoleFerry.Testing.FreePort.Next();
        var baseAddress = new Uri($"http://127.0.0.1:{port}");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(baseAddress.ToString().TrimEnd('/'));
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["ConnectionStrings__RoleFerry"] = connectionString;
        start.Environment["RoleFerry__Security__SecretKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        start.Environment["RoleFerry__Security__TokenSigningKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        start.Environment["RoleFerry__WebhookSecret"] = Convert.ToHexString(RandomNumberGenerator.GetBytes(32));
        start.Environment["RoleFerry__Cluster__AdvertisedAddress"] = "127.0.0.1";
        start.Environment["RoleFerry__Cluster__SiloPort"] = RoleFerry.Testing.FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["RoleFerry__Cluster__GatewayPort"] = RoleFerry.Testing.FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture);

        var log = new StreamWriter(logPath, append: false) { AutoFlush = true };
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the silo process.");
        var silo = new SiloProcess(process, log, baseAddress, logPath);
        process.OutputDataReceived += (_, e) => silo.Write(e.Data);
        process.ErrorDataReceived += (_, e) => silo.Write(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await silo.WaitReadyAsync();
            return silo;
        }
        catch
        {
            await silo.DisposeAsync();
            throw;
        }
    }

    private async Task WaitReadyAsync()
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var started = Stopwatch.GetTimestamp();
        while (Stopwatch.GetElapsedTime(started) < StartTimeout)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The silo exited with code {_process.ExitCode} before it was ready (log: {LogPath}).");
            }

            try
            {
                using var response = await http.GetAsync("/health/ready");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Slow to answer while starting.
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"The silo was not ready within {StartTimeout.TotalSeconds:0} s (log: {LogPath}).");
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                using (var term = Process.Start(new ProcessStartInfo("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]) { UseShellExecute = false }))
                {
                    await term!.WaitForExitAsync();
                }

                using var timeout = new CancellationTokenSource(StopTimeout);
                try
                {
                    await _process.WaitForExitAsync(timeout.Token);
                }
                catch (OperationCanceledException)
                {
                    Console.Error.WriteLine($"The silo did not stop within {StopTimeout.TotalSeconds:0} s after SIGTERM; killing it.");
                    _process.Kill(entireProcessTree: true);
                    await _process.WaitForExitAsync();
                }
            }
        }
        finally
        {
            lock (_gate)
            {
                _closed = true;
                _log.Dispose();
            }

            _process.Dispose();
        }
    }

    private void Write(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_gate)
        {
            if (!_closed)
            {
                _log.WriteLine(line);
            }
        }
    }
}
