using RoleFerry.Api.Jobs;

namespace RoleFerry.Api.Matching;

/// <summary>What matching reads of a job; <see cref="PostedAt"/> is postedDate, else when the job was added.</summary>
public sealed record MatchJob(
    string Title,
    string? Description,
    IReadOnlyCollection<string> Keywords,
    string? Location,
    bool Remote,
    int? CompMin,
    int? CompMax,
    DateTimeOffset PostedAt)
{
    public static MatchJob From(JobResponse job) => new(
        job.Title, job.Description, job.Keywords, job.Location, job.Remote, job.CompMin, job.CompMax, job.PostedDate ?? job.CreatedAt);
}
