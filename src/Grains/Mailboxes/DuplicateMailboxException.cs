namespace RoleFerry.Grains.Mailboxes;

/// <summary>A mailbox with the same email exists already (inside the pool grain only: it answers with a result).</summary>
public sealed class DuplicateMailboxException(string message, Exception innerException) : Exception(message, innerException);
