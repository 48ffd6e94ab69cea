namespace RoleFerry.Grains.Inbox;

/// <summary>
/// An RFC 3464 delivery status notification (multipart/report; report-type=delivery-status): the status of each
/// recipient and the Message-ID of the message it reports on (from its text/rfc822-headers or message/rfc822 part).
/// </summary>
[GenerateSerializer, Immutable, Alias("RoleFerry.InboundDeliveryStatus")]
public sealed record InboundDeliveryStatus(
    [property: Id(0)] IReadOnlyList<InboundRecipientStatus> Recipients,
    [property: Id(1)] string? OriginalMessageId);
