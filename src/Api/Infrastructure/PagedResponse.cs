namespace RoleFerry.Api.Infrastructure;

/// <summary>The shape of every list: <c>{items, page, pageSize, total}</c>.</summary>
public sealed record PagedResponse<T>(IReadOnlyList<T> Items, int Page, int PageSize, long Total);
