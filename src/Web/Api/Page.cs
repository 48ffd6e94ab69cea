namespace RoleFerry.Web.Api;

/// <summary>A page of a list, as every list of the API answers it: <c>{items, page, pageSize, total}</c>.</summary>
public sealed record Page<T>(
    IReadOnlyList<T> Items,
    [property: System.Text.Json.Serialization.JsonPropertyName("page")] int Number,
    int PageSize,
    long Total)
{
    public int PageCount => Total == 0 ? 1 : (int)((Total + PageSize - 1) / PageSize);
}
