namespace RoleFerry.Testing;

/// <summary>A grain timer of a followed silo, as Orleans' grain timer diagnostic events tell it.</summary>
internal sealed class LocalTimer(string grain)
{
    public string Grain { get; } = grain;

    /// <summary>When it fires next on the test clock; null when it will not fire again.</summary>
    public DateTimeOffset? DueAt { get; set; }

    public TimeSpan Period { get; set; } = Timeout.InfiniteTimeSpan;

    public bool Firing { get; set; }

    public override string ToString() => $"timer of {Grain} ({(Firing ? "firing" : $"due {DueAt:O}")})";
}
