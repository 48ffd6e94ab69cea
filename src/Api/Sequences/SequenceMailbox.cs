namespace RoleFerry.Api.Sequences;

public sealed record SequenceMailbox(long Id, string Email);
