namespace RoleFerry.Web.Applications;

/// <summary>A row's "Change status" form (<c>Row.Status</c>).</summary>
public sealed class StatusRow
{
    public string? Status { get; set; }
}
