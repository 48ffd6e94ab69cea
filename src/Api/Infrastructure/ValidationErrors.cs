namespace RoleFerry.Api.Infrastructure;

/// <summary>
/// Collects the field errors of one request (RFC 7807 <c>errors: {field: [messages]}</c>). Field names are the
/// camelCase JSON names of the contract, e.g. <c>minSalary</c> or <c>roles[0].title</c>.
/// </summary>
public sealed class ValidationErrors
{
    public const int MaxTextLength = 200;
    public const int MaxLongTextLength = 100_000;
    public const int MaxListItems = 200;

    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool IsEmpty => _errors.Count == 0;

    public void Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var messages))
        {
            messages = [];
            _errors[field] = messages;
        }

        messages.Add(message);
    }

    /// <summary>A required, non-blank text of at most <paramref name="maxLength"/> characters.</summary>
    public void Required(string? value, string field, int maxLength = MaxTextLength)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            Add(field, $"{field} is required.");
        }
        else
        {
            MaxLength(value, field, maxLength);
        }
    }

    /// <summary>An optional text of at most <paramref name="maxLength"/> characters; blank counts as absent (see <see cref="Text.OrNull"/>).</summary>
    public void Optional(string? value, string field, int maxLength = MaxTextLength)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            MaxLength(value, field, maxLength);
        }
    }

    public void MaxLength(string value, string field, int maxLength)
    {
        if (value.Length > maxLength)
        {
            Add(field, $"{field} must be at most {maxLength} characters.");
        }

        if (value.Contains('\0'))
        {
            Add(field, $"{field} must not contain NUL characters.");
        }
    }

    /// <summary>A list of non-blank texts (null counts as empty).</summary>
    public void TextList(IReadOnlyList<string?>? values, string field, int maxItems = MaxListItems, int maxLength = MaxTextLength)
    {
        if (values is null)
        {
            return;
        }

        if (values.Count > maxItems)
        {
            Add(field, $"{field} must have at most {maxItems} items.");
            return;
        }

        for (var i = 0; i < values.Count; i++)
        {
            Required(values[i], $"{field}[{i}]", maxLength);
        }
    }

    public void NonNegative(long? value, string field)
    {
        if (value is < 0)
        {
            Add(field, $"{field} must be 0 or more.");
        }
    }

    public void PositiveId(long? value, string field)
    {
        if (value is null)
        {
            Add(field, $"{field} is required.");
        }
        else if (value <= 0)
        {
            Add(field, $"{field} must be a positive id.");
        }
    }

    public IDictionary<string, string[]> ToDictionary() =>
        _errors.ToDictionary(pair => pair.Key, pair => pair.Value.ToArray(), StringComparer.Ordinal);
}
