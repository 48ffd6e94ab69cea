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

    /// <summary>Messages accepted for <paramref name="recipient"/> so far, oldest first.</summary>
    public static IReadOnlyList<SinkMessage> MessagesTo(string recipient) =>
        Directory.Exists(Folder)
            ? Directory.GetFiles(Folder, "*.eml")
                .Select(SinkMessage.Load)
                .Where(m => m.Recipients.Contains(recipient, StringComparer.OrdinalIgnoreCase))
                .OrderBy(m => m.ReceivedAt)
                .ToList()
            : [];

    /// <summary>Waits (on file-system events, 10 s at most) until <paramref name="count"/> messages reached <paramref name="recipient"/>.</summary>
    public static async Task<IReadOnlyList<SinkMessage>> WaitForAsync(string recipient, int count)
    {
        Directory.CreateDirectory(Folder);
        var changed = new SemaphoreSlim(0);
        using var watcher = new FileSystemWatcher(Folder, "*.eml") { EnableRaisingEvents = true };
        watcher.Renamed += (_, _) => changed.Release();
        watcher.Created += (_, _) => changed.Release();
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var messages = MessagesTo(recipient);
            if (messages.Count >= count)
            {
                return messages;
            }

            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero || !await changed.WaitAsync(left))
            {
                throw new TimeoutException($"{recipient} received {messages.Count} of {count} expected messages.");
            }
        }
    }

    private static string Required(string name) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"{name} is not set. Run the tests with ./test.sh, which starts the SMTP server.");
}
