namespace RoleFerry.Web.Sequences;

/// <summary>The words the pages show for a sequence's and a step's status.</summary>
public static class SequenceStatuses
{
    public static readonly IReadOnlyList<string> All =
        ["active", "paused", "parked", "completed", "stopped_reply", "stopped_bounce", "stopped_optout", "canceled", "failed"];

    public static bool IsLive(string status) => status is "active" or "paused" or "parked";

    public static string Label(string status) => status switch
    {
        "active" => "Active",
        "paused" => "Paused",
        "parked" => "Parked (out of office)",
        "completed" => "Completed",
        "stopped_reply" => "Stopped: replied",
        "stopped_bounce" => "Stopped: bounced",
        "stopped_optout" => "Stopped: opted out",
        "canceled" => "Canceled",
        "failed" => "Failed",
        "scheduled" => "Scheduled",
        "sending" => "Sending",
        "sent" => "Sent",
        "delivered" => "Delivered",
        "bounced" => "Bounced",
        "replied" => "Replied",
        "awaiting_approval" => "Awaiting approval",
        _ => status,
    };
}
