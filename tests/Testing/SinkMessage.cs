namespace RoleFerry.Testing;

/// <summary>One message the SMTP sink accepted: its envelope recipients, headers and raw text.</summary>
public sealed record SinkMessage(IReadOnlyList<string> Recipients, IReadOnlyDictionary<string, string> Headers, string Raw, DateTime ReceivedAt)
{
    public string Header(string name) => Headers.TryGetValue(name, out var value) ? value : "";

    public static SinkMessage Load(string path)
    {
        var raw = File.ReadAllText(path);
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        string? last = null;
        foreach (var line in raw.Split("\r\n"))
        {
            if (line.Length == 0)
            {
                break;
            }

            if (char.IsWhiteSpace(line[0]) && last is not null)
            {
                headers[last] += " " + line.Trim();
                continue;
            }

            var colon = line.IndexOf(':');
            if (colon > 0)
            {
                last = line[..colon];
                headers[last] = line[(colon + 1)..].Trim();
            }
        }

        var recipients = headers.TryGetValue("X-RcptTo", out var to)
            ? to.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            : [];
        return new SinkMessage(recipients, headers, raw, File.GetLastWriteTimeUtc(path));
    }

    /// <summary>Everything after the headers, still MIME-encoded.</summary>
    public string Body => Raw[(Raw.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4)..];
}
