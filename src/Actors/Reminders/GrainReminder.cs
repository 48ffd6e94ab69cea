namespace RoleFerry.Actors.Reminders;

internal sealed record GrainReminder(string ReminderName, DateTimeOffset DueAt, TimeSpan? Period) : IGrainReminder;
