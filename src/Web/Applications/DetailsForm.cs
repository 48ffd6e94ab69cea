namespace RoleFerry.Web.Applications;

/// <summary>An application's status and notes.</summary>
public sealed class DetailsForm
{
    public string? Status { get; set; }

    public string? Notes { get; set; }
}
