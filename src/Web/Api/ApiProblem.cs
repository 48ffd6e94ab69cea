namespace RoleFerry.Web.Api;

/// <summary>
/// An RFC 7807 answer of the API: its status, title, detail and, for validation, the messages per field (the
/// API's camelCase field names, e.g. <c>fullName</c> or <c>steps[0].subject</c>). Pages show these words as they are.
/// </summary>
public sealed record ApiProblem(int Status, string Title, string? Detail, IReadOnlyDictionary<string, string[]> Errors)
{
    /// <summary>The sentence to show a person: the detail, else the title.</summary>
    public string Message => string.IsNullOrWhiteSpace(Detail) ? Title : Detail;
}
