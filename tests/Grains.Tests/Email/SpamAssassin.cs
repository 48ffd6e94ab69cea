using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace RoleFerry.Grains.Tests.Email;

/// <summary>
/// Debian's SpamAssassin (installed by ./test.sh: scripts/deps.sh <c>ensure_spamassassin</c>), run on one raw
/// message as <c>spamassassin -L -t</c>: local tests only (no DNS or network checks), test mode (the report is
/// appended). Bayes auto-learning is switched off so that a run leaves no trace that changes the next one.
/// </summary>
public static partial class SpamAssassin
{
    /// <exception cref="InvalidOperationException">spamassassin is not installed or failed.</exception>
    public static async Task<SpamAssassinResult> CheckAsync(byte[] rawMessage)
    {
        var start = new ProcessStartInfo("spamassassin")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "-L", "-t", "--cf=bayes_auto_learn 0" })
        {
            start.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("spamassassin did not start.");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException(
                "spamassassin is not installed: this test cannot run here. ./test.sh and .ci/run install it (scripts/deps.sh ensure_spamassassin).", e);
        }

        using (process)
        using (var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2)))
        {
            var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
            var errors = process.StandardError.ReadToEndAsync(timeout.Token);
            await process.StandardInput.BaseStream.WriteAsync(rawMessage, timeout.Token);
            process.StandardInput.Close();
            await process.WaitForExitAsync(timeout.Token);
            var text = await output;
            var status = Status().Match(Regex.Replace(text, "\r?\n[ \t]+", " "));
            if (!status.Success)
            {
                throw new InvalidOperationException($"spamassassin exited with {process.ExitCode} and no X-Spam-Status: {await errors}");
            }

            var rules = status.Groups["tests"].Value == "none"
                ? []
                : status.Groups["tests"].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            var details = text.IndexOf("Content analysis details:", StringComparison.Ordinal);
            return new SpamAssassinResult(
                double.Parse(status.Groups["score"].Value, CultureInfo.InvariantCulture),
                rules,
                details >= 0 ? text[details..].TrimEnd() : "");
        }
    }

    [GeneratedRegex(@"^X-Spam-Status: (?:Yes|No), score=(?<score>-?\d+(?:\.\d+)?) required=\S+ tests=(?<tests>none|[A-Za-z0-9_]+(?:, ?[A-Za-z0-9_]+)*)", RegexOptions.Multiline)]
    private static partial Regex Status();
}
