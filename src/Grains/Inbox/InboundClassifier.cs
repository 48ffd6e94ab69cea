using RoleFerry.Grains.Interfaces.Email;

namespace RoleFerry.Grains.Inbox;

/// <summary>
/// Classifies a message read over IMAP, in this order: an RFC 3464 delivery status notification with a failed
/// recipient is a bounce (5.x.x hard, 4.x.x soft; one that only reports a delay or a delivery is ignored); an
/// automatic reply (<see cref="AutoReplyDetector"/>) is an auto-reply, with the return date its subject or text
/// gives (<see cref="ReturnDateParser"/>); a request to be left alone (<see cref="UnsubscribeRequest"/>) is an
/// unsubscribe; anything else is a genuine reply. Pure: "today" is given.
/// </summary>
public static class InboundClassifier
{
    public static InboundClassification Classify(InboundEmail email, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(email);
        if (email.DeliveryStatus is { } report)
        {
            return Bounce(report);
        }

        if (AutoReplyDetector.IsAutoReply(email))
        {
            var returnDate = ReturnDateParser.Parse(email.Subject, today) ?? ReturnDateParser.Parse(email.TextBody, today);
            return new InboundClassification(EmailEventTypes.AutoReply, ReturnDate: returnDate);
        }

        return UnsubscribeRequest.IsRequest(email)
            ? new InboundClassification(EmailEventTypes.Unsubscribe)
            : new InboundClassification(EmailEventTypes.Reply);
    }

    private static InboundClassification Bounce(InboundDeliveryStatus report)
    {
        // A recipient failed: its Action says so, or (no Action) its status is a failure.
        var failed = report.Recipients.FirstOrDefault(r => r.Action == "failed")
            ?? report.Recipients.FirstOrDefault(r => r.Action is null && r.Status is ['4' or '5', ..]);
        if (failed is null)
        {
            var actions = string.Join(", ", report.Recipients.Select(r => r.Action ?? "none").Distinct());
            return new InboundClassification(null, $"a delivery report without a failure (action: {(actions.Length > 0 ? actions : "none")})");
        }

        var type = failed.Status is ['4', ..] ? "soft" : "hard";
        return new InboundClassification(
            EmailEventTypes.Bounce,
            BounceType: type,
            BounceStatus: failed.Status,
            FailedRecipient: failed.Recipient,
            Diagnostic: failed.DiagnosticCode);
    }
}
