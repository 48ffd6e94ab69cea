namespace RoleFerry.Bench;

/// <summary>
/// Messages the test SMTP server (tests/smtp/roleferry_smtp.py) accepted for one run: it writes one .eml per
/// message, starting with an <c>X-RcptTo:</c> line; a run's recipients all end in its own domain.
/// </summary>
public sealed record SmtpSinkCount(int Messages, int DistinctRecipients)
{
    public int Duplicates => Messages - DistinctRecipients;

    public static async Task<SmtpSinkCount> ReadAsync(string maildir, string recipientDomain)
    {
        var suffix = "@" + recipientDomain;
        var recipients = new List<string>();
        foreach (var file in Directory.EnumerateFiles(maildir, "*.eml"))
        {
            using var reader = new StreamReader(file);
            var first = await reader.ReadLineAsync() ?? "";
            const string header = "X-RcptTo: ";
            if (first.StartsWith(header, StringComparison.Ordinal))
            {
                recipients.AddRange(first[header.Length..]
                    .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                    .Where(r => r.EndsWith(suffix, StringComparison.OrdinalIgnoreCase)));
            }
        }

        return new SmtpSinkCount(recipients.Count, recipients.Distinct(StringComparer.OrdinalIgnoreCase).Count());
    }
}
