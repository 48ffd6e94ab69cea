using RoleFerry.Api.Companies;

namespace RoleFerry.Api.Jobs.Import;

/// <summary>
/// A company's domain from a link: the host without <c>www.</c>, unless the host belongs to a job board, an
/// applicant tracking system or a social network (boards.greenhouse.io, jobs.lever.co, linkedin.com…), which
/// hosts postings of many companies and is no company's own website.
/// </summary>
public static class CompanyDomains
{
    private static readonly string[] SharedHosts =
    [
        "greenhouse.io", "lever.co", "myworkdayjobs.com", "workday.com", "ashbyhq.com", "smartrecruiters.com", "workable.com",
        "bamboohr.com", "recruitee.com", "jobvite.com", "icims.com", "teamtailor.com", "personio.de", "personio.com", "breezy.hr",
        "jazzhr.com", "applytojob.com", "linkedin.com", "indeed.com", "glassdoor.com", "wellfound.com", "angel.co", "facebook.com",
        "twitter.com", "x.com", "instagram.com", "youtube.com", "github.com", "crunchbase.com", "wikipedia.org",
    ];

    /// <summary>The company domain a link names, or null (no link, not http(s), or a shared host).</summary>
    public static string? FromUrl(string? url)
    {
        if (!JobUrls.IsHttp(url))
        {
            return null;
        }

        var host = DomainRules.Normalize(new Uri(url!.Trim()).Host);
        return SharedHosts.Any(shared => host == shared || host.EndsWith("." + shared, StringComparison.Ordinal)) || !DomainRules.IsValid(host)
            ? null
            : host;
    }
}
