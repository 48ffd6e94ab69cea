using System.Net;
using System.Net.Sockets;
using System.Text;

namespace RoleFerry.Grains.Tests.Email;

/// <summary>
/// A one-connection SMTP server in the test process for what the real test server cannot do: say nothing, or
/// hang up at a chosen point without replying.
/// </summary>
public sealed class ScriptedSmtpServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _serving;

    public ScriptedSmtpServer(ScriptedSmtpBehavior behavior)
    {
        _listener.Start();
        _serving = ServeAsync(behavior);
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>True once the final dot of a message arrived.</summary>
    public bool ReceivedContent { get; private set; }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _serving;
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or IOException or ObjectDisposedException)
        {
        }

        _stop.Dispose();
    }

    private async Task ServeAsync(ScriptedSmtpBehavior behavior)
    {
        using var client = await _listener.AcceptTcpClientAsync(_stop.Token);
        if (behavior == ScriptedSmtpBehavior.Silent)
        {
            await Task.Delay(Timeout.Infinite, _stop.Token);
            return;
        }

        await using var stream = client.GetStream();
        using var reader = new StreamReader(stream, Encoding.ASCII);
        await using var writer = new StreamWriter(stream, Encoding.ASCII) { NewLine = "\r\n", AutoFlush = true };
        await writer.WriteLineAsync("220 scripted.test ESMTP");
        while (await reader.ReadLineAsync(_stop.Token) is { } line)
        {
            var verb = line.Split(' ', 2)[0].ToUpperInvariant();
            switch (verb)
            {
                case "EHLO":
                    await writer.WriteLineAsync("250-scripted.test\r\n250 8BITMIME");
                    break;
                case "DATA" when behavior == ScriptedSmtpBehavior.HangUpAtData:
                    return;
                case "DATA":
                    await writer.WriteLineAsync("354 End data with <CR><LF>.<CR><LF>");
                    while (await reader.ReadLineAsync(_stop.Token) is { } content && content != ".")
                    {
                    }

                    ReceivedContent = true;
                    return;
                case "QUIT":
                    await writer.WriteLineAsync("221 Bye");
                    return;
                default:
                    await writer.WriteLineAsync("250 OK");
                    break;
            }
        }
    }
}
