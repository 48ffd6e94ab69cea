namespace RoleFerry.Grains.Telemetry;

/// <summary>
/// The names of RoleFerry's own meters (System.Diagnostics.Metrics). Every one starts with <see cref="Prefix"/>, so
/// an exporter subscribes to all of them with the wildcard <see cref="Wildcard"/>.
/// </summary>
public static class RoleFerryMeters
{
    public const string Prefix = "RoleFerry.";

    /// <summary>The wildcard that selects every RoleFerry meter (OpenTelemetry's <c>AddMeter</c> accepts it).</summary>
    public const string Wildcard = "RoleFerry.*";

    /// <summary>Sends, send failures and step lateness (<see cref="OutreachMetrics"/>).</summary>
    public const string Outreach = "RoleFerry.Outreach";

    /// <summary>Mailbox reservation refusals (<see cref="MailboxMetrics"/>).</summary>
    public const string Mailboxes = "RoleFerry.Mailboxes";

    /// <summary>Inbound email events: webhook, tracking, replies (<see cref="EmailEventMetrics"/>).</summary>
    public const string EmailEvents = "RoleFerry.EmailEvents";
}
