using System.Net;
using System.Net.Sockets;
using System.Text;

namespace RoleFerry.Grains.Tests.Email;

/// <summary>
/// An SMTP server in the test process for what the real test server cannot do: say nothing, or hang up at a
/// chosen point without replying. Transactions (MAIL FROM commands) are counted across connections; the first
/// <c>acceptFirst</c> are accepted normally, the next one gets the <see cref="ScriptedSmtpBehavior"/>, and any
/// later ones are accepted again. Connections are served one after the other.
/// </summary>
public sealed class ScriptedSmtpServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly ScriptedSmtpBehavior _behavior;
    private readonly int _scriptedTransaction;
    private readonly Task _serving;
    private int _transactions;

    public ScriptedSmtpServer(ScriptedSmtpBehavior behavior, int acceptFirst = 0)
    {
        _behavior = behavior;
        _scriptedTransaction = acceptFirst + 1;
        _listener.Start();
        _serving = ServeAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>True once the final dot of the scripted transaction's message arrived.</summary>
    public bool ReceivedContent { get; private set; }

    /// <summary>TCP connections accepted so far.</summary>
    public int Connections { get; private set; }

    /// <summary>Messages answered 250 so far.</summary>
    public int MessagesAccepted { get; private set; }

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

    private async Task ServeAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            using var client = await _listener.AcceptTcpClientAsync(_stop.Token);
            Connections++;
            if (_behavior == ScriptedSmtpBehavior.Silent && Connections == 1)
            {
                await Task.Delay(Timeout.Infinite, _stop.Token);
            }

            try
            {
                await ServeConnectionAsync(client);
            }
            catch (IOException)
            {
                // The client hung up first.
            }
        }
    }

    private async Task ServeConnectionAsync(TcpClient client)
    {
        await using var stream = client.GetStream();
        using var reader = new StreamReader(stream, Encoding.ASCII);
        await using var writer = new StreamWriter(stream, Encoding.ASCII) { NewLine = "\r\n", AutoFlush = true };
        await writer.WriteLineAsync("220 scripted.test ESMTP");
        var scripted = false;
        while (await reader.ReadLineAsync(_stop.Token) is { } line)
        {
            var verb = line.Split(' ', 2)[0].ToUpperInvariant();
            switch (verb)
            {
                case "EHLO":
                    await writer.WriteLineAsync("250-scripted.test\r\n250 8BITMIME");
                    break;
                case "MAIL":
                    scripted = ++_transactions == _scriptedTransaction;
                    if (scripted && _behavior == ScriptedSmtpBehavior.HangUpAtMailFrom)
                    {
                        return;
                    }

                    await writer.WriteLineAsync("250 OK");
                    break;
                case "DATA" when scripted && _behavior == ScriptedSmtpBehavior.HangUpAtData:
                    return;
                case "DATA":
                    await writer.WriteLineAsync("354 End data with <CR><LF>.<CR><LF>");
                    while (await reader.ReadLineAsync(_stop.Token) is { } content && content != ".")
                    {
                    }

                    if (scripted && _behavior == ScriptedSmtpBehavior.HangUpAfterContent)
                    {
                        ReceivedContent = true;
                        return;
                    }

                    MessagesAccepted++;
                    await writer.WriteLineAsync("250 OK queued");
                    break;
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
