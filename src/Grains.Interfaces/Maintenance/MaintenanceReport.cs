namespace RoleFerry.Grains.Interfaces.Maintenance;

/// <summary>What one maintenance run did.</summary>
[GenerateSerializer, Immutable, Alias("RoleFerry.MaintenanceReport")]
public sealed record MaintenanceReport(
    [property: Id(0)] int ContactsDeleted,
    [property: Id(1)] int JobsExpired,
    [property: Id(2)] int SequencesCanceled);
