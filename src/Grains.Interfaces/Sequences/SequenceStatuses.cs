namespace RoleFerry.Grains.Interfaces.Sequences;

/// <summary>
/// The statuses of a sequence instance (API.md), and the sets the code and the SQL ask about, each defined once
/// here: SQL takes a set as an <c>IN</c> list (<c>status IN {SequenceStatuses.LiveSql}</c>) derived from it.
/// </summary>
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

    /// <summary>Every status, in API.md's order.</summary>
    public static readonly IReadOnlyList<string> All =
        [Active, Paused, Parked, Completed, StoppedReply, StoppedBounce, StoppedOptOut, Canceled, Failed];

    /// <summary>The live statuses: a step may still be sent (the tier's active-sequence quota counts these).</summary>
    public static readonly IReadOnlyList<string> Live = [Active, Paused, Parked];

    /// <summary>The live statuses not paused by the user: a wake-up is due (the next step's time is shown).</summary>
    public static readonly IReadOnlyList<string> Waking = [Active, Parked];

    /// <summary><see cref="Live"/> as an SQL list: <c>('active', 'paused', 'parked')</c>.</summary>
    public static readonly string LiveSql = SqlList(Live);

    /// <summary><see cref="Waking"/> as an SQL list: <c>('active', 'parked')</c>.</summary>
    public static readonly string WakingSql = SqlList(Waking);

    /// <summary>True for statuses no step is ever sent from again.</summary>
    public static bool IsFinal(string status) => !Live.Contains(status);

    private static string SqlList(IEnumerable<string> statuses) => "(" + string.Join(", ", statuses.Select(s => $"'{s}'")) + ")";
}
