namespace RoleFerry.Api.Infrastructure;

/// <summary>A validated <c>?page=&amp;pageSize=</c> pair: page ≥ 1, pageSize 1..200 (default 1 and 50).</summary>
public sealed record PageRequest(int Page, int PageSize)
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 200;

    public long Offset => (long)(Page - 1) * PageSize;

    /// <summary>The page, or null with the reasons added to <paramref name="errors"/>.</summary>
    public static PageRequest? From(int? page, int? pageSize, ValidationErrors errors)
    {
        var p = page ?? 1;
        var size = pageSize ?? DefaultPageSize;
        if (p < 1)
        {
            errors.Add("page", "page must be 1 or more.");
        }

        if (size is < 1 or > MaxPageSize)
        {
            errors.Add("pageSize", $"pageSize must be between 1 and {MaxPageSize}.");
        }

        return errors.IsEmpty ? new PageRequest(p, size) : null;
    }

    public PagedResponse<T> Answer<T>(IReadOnlyList<T> items, long total) => new(items, Page, PageSize, total);
}
