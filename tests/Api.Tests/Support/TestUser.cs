namespace RoleFerry.Api.Tests.Support;

/// <summary>A registered, logged-in user and a client that sends their bearer token.</summary>
public sealed record TestUser(long Id, string Email, string Password, string Token, HttpClient Client);
