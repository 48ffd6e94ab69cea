using System.Diagnostics;

namespace RoleFerry.Api.Tests.OpenApi;

/// <summary>
/// The Redocly CLI pinned in <c>tests/openapi/package.json</c> (installed there by <c>./test.sh</c> and <c>.ci/run</c>
/// with <c>npm ci</c>), run on a file with <c>tests/openapi/redocly.yaml</c> (the recommended ruleset).
/// </summary>
public static class RedoclyCli
{
    public static string Folder { get; } = Path.Combine(RepositoryRoot(), "tests", "openapi");

    private static string Executable => Path.Combine(Folder, "node_modules", ".bin", "redocly");

    /// <summary>Runs <c>redocly lint</c> on <paramref name="document"/>: the exit code and everything it printed.</summary>
    public static async Task<(int ExitCode, string Output)> LintAsync(string document)
    {
        Assert.True(File.Exists(Executable), $"{Executable} is missing: ./test.sh installs it (cd tests/openapi && npm ci).");
        var start = new ProcessStartInfo(Executable)
        {
            WorkingDirectory = Folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "lint", "--config", Path.Combine(Folder, "redocly.yaml"), "--format", "stylish", document })
        {
            start.ArgumentList.Add(argument);
        }

        // No usage data or update check: this machine reaches no such service, and a test must not wait on one.
        start.Environment["REDOCLY_TELEMETRY"] = "off";
        start.Environment["REDOCLY_SUPPRESS_UPDATE_NOTICE"] = "true";
        start.Environment["NO_COLOR"] = "1";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, (await stdout) + (await stderr));
    }

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "RoleFerry.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"No RoleFerry.sln above {AppContext.BaseDirectory}.");
    }
}
