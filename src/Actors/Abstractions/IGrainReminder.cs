namespace RoleFerry.Actors;

/// <summary>A registered reminder. <see cref="Period"/> is null for a one-shot reminder.</summary>
public interface IGrainReminder
{
    string ReminderName { get; }
    DateTimeOffset DueAt { get; }
    TimeSpan? Period { get; }
}
