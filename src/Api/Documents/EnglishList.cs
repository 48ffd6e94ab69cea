namespace RoleFerry.Api.Documents;

/// <summary>"A", "A and B", "A, B and C".</summary>
public static class EnglishList
{
    public static string Join(IReadOnlyList<string> items) => items.Count switch
    {
        0 => string.Empty,
        1 => items[0],
        _ => string.Join(", ", items.Take(items.Count - 1)) + " and " + items[^1],
    };
}
