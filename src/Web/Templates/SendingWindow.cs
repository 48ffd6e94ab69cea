namespace RoleFerry.Web.Templates;

/// <summary>When steps may leave, in the contact's timezone (else the person's).</summary>
public sealed record SendingWindow(IReadOnlyList<string> Days, string Start, string End);
