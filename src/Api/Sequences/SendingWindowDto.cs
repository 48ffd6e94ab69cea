namespace RoleFerry.Api.Sequences;

/// <summary>When steps may leave, in the contact's timezone: days mon..sun, start/end "HH:MM" (end may be "24:00").</summary>
public sealed record SendingWindowDto(IReadOnlyList<string>? Days, string? Start, string? End);
