namespace RoleFerry.Actors;

/// <summary>Implemented by grains that receive durable reminders.</summary>
public interface IRemindable : IGrain
{
    Task ReceiveReminder(string reminderName, TickStatus status);
}
