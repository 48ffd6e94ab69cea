using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;

namespace RoleFerry.Silo.Tests.Scripts;

/// <summary>
/// Where ./run.sh keeps its private PostgreSQL (scripts/pg.sh <c>pg_private_dir</c>), run through bash as run.sh
/// runs it: in the checkout's .data/pg, except as root in a folder the postgres OS user cannot reach (a clone in
/// root's mode-700 home), where the cluster goes to /var/lib/roleferry/NAME-HASH/pg and really starts there.
/// </summary>
public sealed class PrivateDatabaseDirTests
{
    private static readonly string Repository = FindRepository();

    [Fact]
    public async Task A_clone_in_a_home_the_postgres_user_cannot_enter_keeps_its_database_under_var_lib_roleferry()
    {
        var home = Directory.CreateTempSubdirectory("roleferry-home-");
        try
        {
            if (OperatingSystem.IsLinux())
            {
                File.SetUnixFileMode(home.FullName, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }

            var clone = Directory.CreateDirectory(Path.Combine(home.FullName, "roleferry")).FullName;

            var dir = (await BashAsync($"pg_private_dir {Quote(clone)}")).Trim();

            if (Environment.UserName != "root")
            {
                Assert.Equal(Path.Combine(clone, ".data", "pg"), dir);
                return;
            }

            var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(clone)))[..8];
            Assert.Equal($"/var/lib/roleferry/roleferry-{hash}/pg", dir);
            try
            {
                var port = (await BashAsync($"pg_start_free {Quote(dir)} >&2 && echo \"$PG_PORT\" && pg_stop {Quote(dir)} >&2")).Trim();
                Assert.Matches("^[0-9]+$", port);
                Assert.True(File.Exists(Path.Combine(dir, "PG_VERSION")), $"no cluster in {dir}");
            }
            finally
            {
                Directory.Delete(Path.GetDirectoryName(dir)!, recursive: true);
            }
        }
        finally
        {
            home.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task A_clone_the_postgres_user_can_reach_keeps_its_database_in_the_checkout()
    {
        var clone = Directory.CreateTempSubdirectory("roleferry-clone-");
        try
        {
            if (OperatingSystem.IsLinux())
            {
                File.SetUnixFileMode(clone.FullName, (UnixFileMode)Convert.ToInt32("755", 8));
            }


            Assert.Equal(Path.Combine(clone.FullName, ".data", "pg"), (await BashAsync($"pg_private_dir {Quote(clone.FullName)}")).Trim());
        }
        finally
        {
            clone.Delete(recursive: true);
        }
    }

    private static async Task<string> BashAsync(string script)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add($". {Quote(Path.Combine(Repository, "scripts", "pg.sh"))} && {script}");
        using var bash = Process.Start(start)!;
        var output = bash.StandardOutput.ReadToEndAsync();
        var errors = bash.StandardError.ReadToEndAsync();
        await bash.WaitForExitAsync();
        Assert.True(bash.ExitCode == 0, $"bash exited with {bash.ExitCode}: {await errors}");
        return await output;
    }

    private static string Quote(string value) => "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    private static string FindRepository()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "run.sh")) && File.Exists(Path.Combine(dir.FullName, "scripts", "pg.sh")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No checkout (run.sh, scripts/pg.sh) above {AppContext.BaseDirectory}.");
    }
}
