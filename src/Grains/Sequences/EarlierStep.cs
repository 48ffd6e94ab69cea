namespace RoleFerry.Grains.Sequences;

/// <summary>A step of the sequence that left before the current one: its number, the subject and Message-ID it went out with.</summary>
public sealed record EarlierStep(int StepNo, string Subject, string MessageId);
