namespace RoleFerry.Web.Applications;

/// <summary>An interview row's "Save outcome" form (<c>Outcome.Value</c>).</summary>
public sealed class OutcomeRow
{
    public string? Value { get; set; }
}
