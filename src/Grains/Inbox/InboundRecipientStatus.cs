namespace RoleFerry.Grains.Inbox;

/// <summary>
/// One recipient block of a delivery status notification: Final-Recipient (the address, without its
/// <c>rfc822;</c> type), Action (failed, delayed, delivered, relayed, expanded), Status (e.g. 5.1.1) and
/// Diagnostic-Code, as written.
/// </summary>
[GenerateSerializer, Immutable, Alias("RoleFerry.InboundRecipientStatus")]
public sealed record InboundRecipientStatus(
    [property: Id(0)] string? Recipient,
    [property: Id(1)] string? Action,
    [property: Id(2)] string? Status,
    [property: Id(3)] string? DiagnosticCode);
