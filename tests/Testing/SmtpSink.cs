namespace RoleFerry.Testing;

/// <summary>
/// The real SMTP server ./test.sh runs (tests/smtp/roleferry_smtp.py): where it listens and the messages it
/// accepted, one <c>.eml</c> file each (first header <c>X-RcptTo</c>). Use unique recipient addresses per test.
/// </summary>
public static class SmtpSink
{
    public static string Host => Environment.GetEnvironmentVariable("ROLEFERRY_TEST_SMTP_HOST") ?? "127.0.0.1";

    public static int Port => int.Parse(Required("ROLEFERRY_TEST_SMTP_PORT"), System.Globalization.CultureInfo.InvariantCulture);

    public static string Folder => Required("ROLEFERRY_TEST_SMTP_DIR");

    /// <summary>Every message read so far, by file: an .eml file never changes once the server renamed it in.</summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, SinkMessage> Read = new();

    /// <summary>Messages accepted for <paramref name="recipient"/> so far, oldest first.</summary>
    public static IReadOnlyList<SinkMessage> MessagesTo(string recipient) => MessagesTo([recipient]);

    /// <summary>Messages accepted for any of <paramref name="recipients"/> so far, oldest first.</summary>
    public static IReadOnlyList<SinkMessage> MessagesTo(IReadOnlyCollection<string> recipients)
    {
        if (!Directory.Exists(Folder))
        {
            return [];
        }

        var wanted = recipients.ToHashSet(StringComparer.OrdinalIgnoreCase);
        return Directory.GetFiles(Folder, "*.eml")
            .Select(path => Read.GetOrAdd(path, SinkMessage.Load))
            .Where(m => m.Recipients.Any(wanted.Contains))
            .OrderBy(m => m.ReceivedAt)
            .ToList();
    }

    /// <summary>Waits (on file-system events, 10 s at most) until <paramref name="count"/> messages reached <paramref name="recipient"/>.</summary>
    public static Task<IReadOnlyList<SinkMessage>> WaitForAsync(string recipient, int count) => WaitForAsync([recipient], count);

    /// <summary>
    /// Waits (on file-system events) until <paramref name="count"/> messages reached any of <paramref name="recipients"/>,
    /// <paramref name="timeout"/> at most (10 s by default).
    /// </summary>
    public static async Task<IReadOnlyList<SinkMessage>> WaitForAsync(IReadOnlyCollection<string> recipients, int count, TimeSpan? timeout = null)
    {
        Directory.CreateDirectory(Folder);
        var changed = new SemaphoreSlim(0);
        using var watcher = new FileSystemWatcher(Folder, "*.eml") { EnableRaisingEvents = true };
        watcher.Renamed += (_, _) => changed.Release();
        watcher.Created += (_, _) => changed.Release();
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (true)
        {
            var messages = MessagesTo(recipients);
            if (messages.Count >= count)
            {
                return messages;
            }

            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero || !await changed.WaitAsync(left))
            {
                var who = recipients.Count == 1 ? recipients.First() : $"{recipients.Count} recipients";
                throw new TimeoutException($"{who} received {messages.Count} of {count} expected messages.");
            }
        }
    }

    private static string Required(string name) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"{name} is not set. Run the tests with ./test.sh, which starts the SMTP server.");
}
