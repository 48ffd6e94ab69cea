namespace RoleFerry.Api.Jobs.Import;

/// <summary>A page could not be fetched (refused address, timeout, too large, an error answer); <see cref="Refused"/>: the address was refused (400).</summary>
public sealed class JobPageFetchException(string message, bool refused = false, Exception? inner = null) : Exception(message, inner)
{
    public bool Refused { get; } = refused;
}
