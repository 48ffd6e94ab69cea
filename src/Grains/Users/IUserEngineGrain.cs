namespace RoleFerry.Grains.Users;

/// <summary>
/// The user grain's second interface, kept out of the contracts on purpose: a sequence takes a send from the user's
/// daily quota before it sends and gives it back when the step did not leave; the API never does.
/// </summary>
[Alias("RoleFerry.IUserEngineGrain")]
internal interface IUserEngineGrain : IGrainWithIntegerKey
{
    /// <summary>Takes one send from today's quota; false when the quota is used up.</summary>
    [Alias("TryConsumeSend")]
    Task<bool> TryConsumeSendAsync();

    /// <summary>Gives a send taken today back: its step was not claimed, or SMTP said "try later".</summary>
    [Alias("ReleaseSend")]
    Task ReleaseSendAsync();
}
