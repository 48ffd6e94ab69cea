namespace RoleFerry.Testing;

/// <summary>A user of the test IMAP server: its address (also its login) and password.</summary>
public sealed record ImapAccount(string Address, string Password);
