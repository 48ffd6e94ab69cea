using System.Text.RegularExpressions;
using MimeKit;

namespace RoleFerry.Grains.Inbox;

/// <summary>
/// Reads an RFC 3464 delivery status notification: a multipart/report with report-type delivery-status (or
/// RFC 6533's global-delivery-status) whose message/delivery-status part holds a per-message block and one block
/// per recipient (Final-Recipient, Action, Status, Diagnostic-Code), and whose third part returns the original
/// message or its headers (text/rfc822-headers), where our Message-ID is.
/// </summary>
public static partial class DeliveryStatusReader
{
    public static InboundDeliveryStatus? Read(MimeMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.Body is not MultipartReport report
            || !(report.ReportType ?? "").EndsWith("delivery-status", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var recipients = new List<InboundRecipientStatus>();
        foreach (var status in report.OfType<MessageDeliveryStatus>())
        {
            // The first group holds the per-message fields (Reporting-MTA, ...); the others one recipient each.
            foreach (var group in status.StatusGroups.Skip(1))
            {
                recipients.Add(new InboundRecipientStatus(
                    Address(group["Final-Recipient"] ?? group["Original-Recipient"]),
                    group["Action"]?.Trim().ToLowerInvariant(),
                    StatusCode().Match(group["Status"] ?? "") is { Success: true } code ? code.Value : null,
                    group["Diagnostic-Code"]?.Trim()));
            }
        }

        var original = report.OfType<MessagePart>().Select(p => p.Message?.MessageId).FirstOrDefault(id => !string.IsNullOrWhiteSpace(id));
        return new InboundDeliveryStatus(recipients, original);
    }

    /// <summary>"rfc822; user@example.com" → user@example.com.</summary>
    private static string? Address(string? field)
    {
        if (string.IsNullOrWhiteSpace(field))
        {
            return null;
        }

        var value = field[(field.IndexOf(';', StringComparison.Ordinal) + 1)..].Trim().Trim('<', '>').Trim();
        return value.Contains('@', StringComparison.Ordinal) ? value : null;
    }

    [GeneratedRegex(@"\b[245]\.\d{1,3}\.\d{1,3}\b")]
    private static partial Regex StatusCode();
}
