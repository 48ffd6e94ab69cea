namespace RoleFerry.Api.Sequences;

public sealed record OptOutResponse(long ContactId, bool OptedOut);
