namespace RoleFerry.Grains.Inbox;

/// <summary>What became of the messages a reader read (the keys of <c>mailbox_inbox_sync.counters</c>).</summary>
public static class InboxCounters
{
    /// <summary>Matched and applied (an event and an inbox row).</summary>
    public const string Applied = "applied";

    /// <summary>
    /// Matched, but not believed (by its sender's address alone, from an unauthenticated sender, or a delivery report
    /// naming no email of ours): listed in the inbox, marked so, and nothing else changed.
    /// </summary>
    public const string Unauthenticated = "unauthenticated";

    /// <summary>Matched, but applied before (the same Message-ID seen again).</summary>
    public const string Duplicate = "duplicate";

    /// <summary>Answers none of our emails.</summary>
    public const string Unmatched = "unmatched";

    /// <summary>Read and deliberately not applied (e.g. a delivery report without a failure).</summary>
    public const string Ignored = "ignored";

    /// <summary>A copy of an email RoleFerry sent (or relayed) itself.</summary>
    public const string Own = "own";

    /// <summary>Could not be parsed as a message: skipped.</summary>
    public const string Malformed = "malformed";

    /// <summary>Larger than RoleFerry:Inbox:MaxMessageBytes: only its headers and text part were read.</summary>
    public const string Oversized = "oversized";

    /// <summary>Its charset is unknown: its text was decoded as UTF-8 (else Latin-1).</summary>
    public const string CharsetFallback = "charset_fallback";

    /// <summary>Kept failing to apply (not for lack of a server or database): skipped after three tries.</summary>
    public const string Failed = "failed";
}
