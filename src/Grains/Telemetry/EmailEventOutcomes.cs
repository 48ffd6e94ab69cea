namespace RoleFerry.Grains.Telemetry;

/// <summary>The values of the <c>outcome</c> tag of <c>roleferry.email_events.received</c>.</summary>
public static class EmailEventOutcomes
{
    /// <summary>First time this event id was seen for a message of ours: applied.</summary>
    public const string Applied = "applied";

    /// <summary>The same event id again (a webhook retried): ignored.</summary>
    public const string Duplicate = "duplicate";

    /// <summary>No message of ours has that Message-ID: ignored.</summary>
    public const string UnknownMessage = "unknown_message";
}
