using System.Diagnostics;

namespace RoleFerry.Testing;

/// <summary>
/// The product's executable for real: <c>dotnet RoleFerry.Silo.dll ARGS</c> from the test's output folder (the silo
/// is a project reference), with configuration from environment variables (<c>ConnectionStrings__RoleFerry</c>, …).
/// </summary>
public static class SiloCommand
{
    public static string SiloDll => Path.Combine(AppContext.BaseDirectory, "RoleFerry.Silo.dll");

    /// <summary>The dotnet host running these tests (testhost runs under it), else <c>dotnet</c> on PATH.</summary>
    public static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host
        : Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path) == "dotnet" ? path
        : "dotnet";

    /// <summary>Start information for the silo's executable with <paramref name="args"/> and <paramref name="settings"/> (<c>A:B</c> keys become <c>A__B</c>).</summary>
    public static ProcessStartInfo StartInfo(IReadOnlyDictionary<string, string?> settings, params string[] args)
    {
        var start = new ProcessStartInfo(DotnetHost())
        {
            WorkingDirectory = AppContext.BaseDirectory,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        start.ArgumentList.Add(SiloDll);
        foreach (var argument in args)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        return start;
    }

    /// <summary>Runs the executable to its end (at most two minutes): its exit code and both outputs.</summary>
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(IReadOnlyDictionary<string, string?> settings, params string[] args)
    {
        using var process = Process.Start(StartInfo(settings, args))!;
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"dotnet RoleFerry.Silo.dll {string.Join(' ', args)} did not end within two minutes.");
        }

        return (process.ExitCode, await output, await error);
    }
}
