namespace RoleFerry.Grains.Templates;

/// <summary>
/// A <c>sendingWindow</c> that cannot be used. <see cref="Field"/> is the JSON path of the faulty field (e.g.
/// <c>sendingWindow.days</c>) and <see cref="Detail"/> what is wrong with it, for a validation problem's
/// <c>errors: {field: [messages]}</c>.
/// </summary>
public sealed class SendingWindowException(string field, string detail) : ArgumentException($"{field}: {detail}")
{
    public string Field { get; } = field;

    public string Detail { get; } = detail;
}
