namespace RoleFerry.Grains.Interfaces.Maintenance;

public sealed record MaintenanceReport(int ContactsDeleted, int JobsExpired, int SequencesCanceled);
