namespace RoleFerry.Api.Email;

/// <summary>What the webhook did: events applied, and event ids whose message is not ours.</summary>
public sealed record EmailEventsResponse(int Received, IReadOnlyList<string> Unmatched);
