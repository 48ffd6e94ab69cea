namespace RoleFerry.Web.Jobs;

/// <summary>The "Add job" form: the job and, when RoleFerry does not know it yet, its company's domain.</summary>
public sealed class AddJobForm
{
    public string? Title { get; set; }

    public string? Company { get; set; }

    public string? Domain { get; set; }

    public string? Location { get; set; }

    public bool Remote { get; set; }

    public string? JobType { get; set; }

    public int? CompMin { get; set; }

    public int? CompMax { get; set; }

    public string? Description { get; set; }
}
