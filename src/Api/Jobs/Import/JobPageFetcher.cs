using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Options;

namespace RoleFerry.Api.Jobs.Import;

/// <summary>
/// Fetches a posting page for <c>POST /api/jobs/import {url}</c>: http(s) only, at most
/// <see cref="JobImportOptions.MaxPageBytes"/>, within <see cref="JobImportOptions.FetchTimeout"/> redirects
/// included, following at most <see cref="JobImportOptions.MaxRedirects"/> redirects. The address check is made
/// where the connection is made (<see cref="SocketsHttpHandler.ConnectCallback"/>): the name is resolved once, every
/// address it resolves to must be public (<see cref="FetchAddresses"/>) and the socket connects to those very
/// addresses, so neither a redirect nor a name that resolves differently the second time (DNS rebinding) reaches a
/// private address. No proxy is used (it would connect in our place).
/// </summary>
public sealed class JobPageFetcher : IDisposable
{
    private readonly HttpClient _client;
    private readonly JobImportOptions _options;

    public JobPageFetcher(IOptions<JobImportOptions> options)
    {
        _options = options.Value;
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseProxy = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.All,
            PooledConnectionLifetime = TimeSpan.FromMinutes(1),
            ConnectCallback = ConnectAsync,
        };
        _client = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        _client.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("RoleFerry", "1.0"));
        _client.DefaultRequestHeaders.Accept.ParseAdd("text/html,application/xhtml+xml;q=0.9,*/*;q=0.5");
    }

    /// <summary>The page's HTML and its final address (after redirects).</summary>
    public async Task<(string Html, Uri Url)> FetchAsync(Uri url, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(_options.FetchTimeout);
        try
        {
            for (var hop = 0; ; hop++)
            {
                if (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps)
                {
                    throw new JobPageFetchException($"{url} is not an http or https address.", refused: true);
                }

                using var response = await _client.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
                if ((int)response.StatusCode is >= 300 and < 400 && response.Headers.Location is { } location)
                {
                    if (hop >= _options.MaxRedirects)
                    {
                        throw new JobPageFetchException($"{url} redirected more than {_options.MaxRedirects} times.");
                    }

                    url = new Uri(url, location);
                    continue;
                }

                if (!response.IsSuccessStatusCode)
                {
                    throw new JobPageFetchException($"{url} answered {(int)response.StatusCode} {response.ReasonPhrase}.");
                }

                return (await ReadAsync(response, url, timeout.Token), url);
            }
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new JobPageFetchException($"{url} did not answer within {_options.FetchTimeout.TotalSeconds:0.#} s.");
        }
        catch (HttpRequestException e) when (e.InnerException is PrivateAddressException refused)
        {
            throw new JobPageFetchException(refused.Message, refused: true, e);
        }
        catch (HttpRequestException e)
        {
            throw new JobPageFetchException($"{url} could not be fetched: {e.Message}", inner: e);
        }
    }

    public void Dispose() => _client.Dispose();

    private async Task<string> ReadAsync(HttpResponseMessage response, Uri url, CancellationToken ct)
    {
        var limit = _options.MaxPageBytes;
        if (response.Content.Headers.ContentLength > limit)
        {
            throw new JobPageFetchException($"{url} is larger than {limit} bytes.");
        }

        await using var stream = await response.Content.ReadAsStreamAsync(ct);
        var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await stream.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                throw new JobPageFetchException($"{url} is larger than {limit} bytes.");
            }

            buffer.Write(chunk, 0, read);
        }

        var charset = response.Content.Headers.ContentType?.CharSet?.Trim('"');
        Encoding encoding;
        try
        {
            encoding = charset is null ? Encoding.UTF8 : Encoding.GetEncoding(charset);
        }
        catch (ArgumentException)
        {
            encoding = Encoding.UTF8;
        }

        return encoding.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken ct)
    {
        var host = context.DnsEndPoint.Host;
        var addresses = IPAddress.TryParse(host.Trim('[', ']'), out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, ct);
        if (!_options.AllowPrivateFetch && addresses.FirstOrDefault(a => !FetchAddresses.IsPublic(a)) is { } refused)
        {
            throw new PrivateAddressException(host, refused);
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, context.DnsEndPoint.Port, ct);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
