namespace RoleFerry.Actors.Runtime;

internal enum ActivationStatus
{
    Activating,
    Valid,
    Deactivating,
    Done,
}
