namespace RoleFerry.Grains.Interfaces.Sequences;

/// <summary>The statuses of a sequence instance (API.md).</summary>
public static class SequenceStatuses
{
    public const string Active = "active";
    public const string Paused = "paused";

    /// <summary>The contact is out of office: the sequence goes on by itself at its resumeAt.</summary>
    public const string Parked = "parked";
    public const string Completed = "completed";
    public const string StoppedReply = "stopped_reply";
    public const string StoppedBounce = "stopped_bounce";
    public const string StoppedOptOut = "stopped_optout";
    public const string Canceled = "canceled";
    public const string Failed = "failed";

    /// <summary>True for statuses no step is ever sent from again.</summary>
    public static bool IsFinal(string status) => status is not (Active or Paused or Parked);
}
