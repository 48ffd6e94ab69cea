using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using MimeKit;

namespace RoleFerry.Testing;

/// <summary>
/// The real IMAP server ./test.sh runs (Debian's Dovecot, scripts/imap.sh): where it listens, a way to add users
/// (appended to its passwd-file, which Dovecot re-reads), to put messages into a user's INBOX over IMAP (APPEND,
/// raw bytes as given, so malformed messages go in as they are) and to change a folder's UIDVALIDITY (doveadm).
/// </summary>
public static partial class ImapServer
{
    public static string Host => Environment.GetEnvironmentVariable("ROLEFERRY_TEST_IMAP_HOST") ?? "127.0.0.1";

    public static int Port => int.Parse(Required("ROLEFERRY_TEST_IMAP_PORT"), CultureInfo.InvariantCulture);

    private static string UsersFile => Required("ROLEFERRY_TEST_IMAP_USERS");

    private static string Config => Required("ROLEFERRY_TEST_IMAP_CONF");

    /// <summary>A new user with a unique address at <paramref name="domain"/> (its login) and a random password.</summary>
    public static ImapAccount NewAccount(string domain = "mail.roleferry.test", string prefix = "sender")
    {
        var account = new ImapAccount($"{prefix}-{Guid.NewGuid():N}@{domain}", Guid.NewGuid().ToString("N"));
        File.AppendAllText(UsersFile, $"{account.Address}:{{PLAIN}}{account.Password}\n");
        return account;
    }

    /// <summary>Puts a message into the account's INBOX; returns its UID.</summary>
    public static Task<long> AppendAsync(ImapAccount account, MimeMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        using var bytes = new MemoryStream();
        var options = FormatOptions.Default.Clone();
        options.NewLineFormat = NewLineFormat.Dos;
        message.WriteTo(options, bytes);
        return AppendAsync(account, bytes.ToArray());
    }

    /// <summary>Puts these exact bytes into the account's INBOX with IMAP APPEND; returns the new message's UID.</summary>
    public static async Task<long> AppendAsync(ImapAccount account, byte[] raw)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(raw);
        using var client = new TcpClient();
        await client.ConnectAsync(Host, Port);
        await using var stream = client.GetStream();
        using var reader = new StreamReader(stream, Encoding.Latin1, false, 4096, leaveOpen: true);
        await ExpectAsync(reader, "*");
        await SendAsync(stream, $"a1 LOGIN {Quoted(account.Address)} {Quoted(account.Password)}\r\n");
        await ExpectAsync(reader, "a1 OK");
        await SendAsync(stream, $"a2 APPEND INBOX {{{raw.Length}}}\r\n");
        await ExpectAsync(reader, "+");
        await stream.WriteAsync(raw);
        await SendAsync(stream, "\r\n");
        var appended = await ExpectAsync(reader, "a2 OK");
        await SendAsync(stream, "a3 LOGOUT\r\n");
        var uid = AppendUid().Match(appended);
        return uid.Success ? long.Parse(uid.Groups["uid"].Value, CultureInfo.InvariantCulture) : 0;
    }

    /// <summary>Gives the account's INBOX a new UIDVALIDITY, as a server that renumbered the folder would.</summary>
    public static async Task ChangeUidValidityAsync(ImapAccount account, uint uidValidity)
    {
        ArgumentNullException.ThrowIfNull(account);
        using var process = Process.Start(new ProcessStartInfo("/usr/bin/doveadm")
        {
            ArgumentList = { "-c", Config, "mailbox", "update", "-u", account.Address, "--uid-validity", uidValidity.ToString(CultureInfo.InvariantCulture), "INBOX" },
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        })!;
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"doveadm mailbox update failed ({process.ExitCode}): {error}");
        }
    }

    private static Task SendAsync(NetworkStream stream, string line) => stream.WriteAsync(Encoding.ASCII.GetBytes(line)).AsTask();

    /// <summary>Reads lines until one starts with <paramref name="prefix"/>; a tagged NO or BAD fails.</summary>
    private static async Task<string> ExpectAsync(StreamReader reader, string prefix)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            var line = await reader.ReadLineAsync(timeout.Token) ?? throw new IOException($"The IMAP server closed the connection waiting for '{prefix}'.");
            if (line.StartsWith(prefix, StringComparison.Ordinal))
            {
                return line;
            }

            if (TaggedFailure().IsMatch(line))
            {
                throw new IOException($"The IMAP server refused: {line}");
            }
        }
    }

    private static string Quoted(string value) => "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    private static string Required(string name) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"{name} is not set. Run the tests with ./test.sh, which starts Dovecot.");

    [GeneratedRegex(@"APPENDUID \d+ (?<uid>\d+)")]
    private static partial Regex AppendUid();

    [GeneratedRegex(@"^a\d+ (NO|BAD)\b")]
    private static partial Regex TaggedFailure();
}
