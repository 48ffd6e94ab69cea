namespace RoleFerry.Actors.Reminders;

/// <summary>A row of <c>grain_reminders</c>.</summary>
internal sealed record ReminderRow(GrainId GrainId, string Name, DateTimeOffset DueAt, TimeSpan? Period, long Version);
