using RoleFerry.Testing;

namespace RoleFerry.Grains.Tests.Email;

/// <summary>
/// The test SMTP server's record of its connections (tests/smtp/roleferry_smtp.py): <c>connections.log</c> in the
/// sink folder, one line "N open|quit|dropped|closed" per event; every accepted message names its connection in
/// an <c>X-Connection: N</c> header.
/// </summary>
public static class SmtpConnectionLog
{
    private static string Path => System.IO.Path.Combine(SmtpSink.Folder, "connections.log");

    /// <summary>The connection a message came over.</summary>
    public static int ConnectionOf(SinkMessage message) =>
        int.Parse(message.Header("X-Connection"), System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The events of <paramref name="connection"/> so far, in order ("open", "quit", "dropped", "closed").</summary>
    public static IReadOnlyList<string> Events(int connection)
    {
        if (!File.Exists(Path))
        {
            return [];
        }

        using var stream = new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        var prefix = $"{connection} ";
        return reader.ReadToEnd()
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Where(line => line.StartsWith(prefix, StringComparison.Ordinal))
            .Select(line => line[prefix.Length..].Trim())
            .ToList();
    }

    /// <summary>
    /// Waits (on file-system events, 10 s at most) until <paramref name="connection"/> has logged <paramref name="evt"/>;
    /// returns all its events.
    /// </summary>
    public static async Task<IReadOnlyList<string>> WaitForAsync(int connection, string evt)
    {
        Directory.CreateDirectory(SmtpSink.Folder);
        var changed = new SemaphoreSlim(0);
        using var watcher = new FileSystemWatcher(SmtpSink.Folder, "connections.log") { EnableRaisingEvents = true };
        watcher.Created += (_, _) => changed.Release();
        watcher.Changed += (_, _) => changed.Release();
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var events = Events(connection);
            if (events.Contains(evt))
            {
                return events;
            }

            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero || !await changed.WaitAsync(left))
            {
                throw new TimeoutException($"SMTP connection {connection} did not log '{evt}' (events: {string.Join(", ", events)}).");
            }
        }
    }
}
