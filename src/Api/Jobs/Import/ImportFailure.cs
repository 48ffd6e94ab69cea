namespace RoleFerry.Api.Jobs.Import;

/// <summary>A row that did not import, and why.</summary>
public sealed record ImportFailure(int Row, string Error);
