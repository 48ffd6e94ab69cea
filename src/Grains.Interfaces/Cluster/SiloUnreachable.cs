using Orleans.Runtime;
using Orleans.Runtime.Messaging;

namespace RoleFerry.Grains.Interfaces.Cluster;

/// <summary>
/// A grain call that failed because the silo holding (or about to hold) the grain could not be reached: in the
/// seconds between a silo's death and the membership declaring it dead, calls routed to it are rejected
/// (<see cref="OrleansMessageRejectionException"/>, <see cref="SiloUnavailableException"/>), fail to connect or time
/// out. Nothing says whether the callee ran: a caller retries only what is idempotent, and the API answers 503 with
/// Retry-After for the rest (the cluster is whole again once the dead silo is declared dead).
/// </summary>
public static class SiloUnreachable
{
    public static bool Is(Exception exception) =>
        exception is OrleansMessageRejectionException or ConnectionFailedException or TimeoutException
        || (exception is AggregateException { InnerExceptions: [var inner] } && Is(inner));
}
