namespace RoleFerry.Data.Tracking;

/// <summary>What a tracking token opens. The numbers are part of the token format: never renumber.</summary>
public enum TrackingKind : byte
{
    /// <summary><c>GET /t/o/{token}</c>: the open pixel.</summary>
    Open = 1,

    /// <summary><c>GET /t/c/{token}</c>: a click, redirected to the token's URL.</summary>
    Click = 2,

    /// <summary><c>GET|POST /u/{token}</c>: unsubscribe.</summary>
    Unsubscribe = 3,

    /// <summary>A LivePage link in an email: which email (and so which contact) led to the visit.</summary>
    LivePage = 4,
}
