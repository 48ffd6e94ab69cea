namespace RoleFerry.Api.Jobs.Import;

/// <summary>One row of an import (1 = the first posting of a feed, the first data line of a CSV): a draft, or why it could not be read.</summary>
public sealed record ImportRow(int Row, JobDraft? Draft, string? Error)
{
    public static ImportRow Of(int row, JobDraft draft) => new(row, draft, null);

    public static ImportRow Failed(int row, string error) => new(row, null, error);
}
