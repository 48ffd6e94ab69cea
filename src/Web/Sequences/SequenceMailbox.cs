namespace RoleFerry.Web.Sequences;

public sealed record SequenceMailbox(long Id, string Email);
