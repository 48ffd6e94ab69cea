namespace RoleFerry.Api.Jobs.Import;

/// <summary>Settings of job imports (section <c>RoleFerry:Jobs</c>, env <c>RoleFerry__Jobs__*</c>).</summary>
public sealed class JobImportOptions
{
    public const string SectionName = "RoleFerry:Jobs";

    /// <summary>
    /// Lets RoleFerry fetch pages on loopback, private and link-local addresses (off: such a URL is refused, for
    /// every address its name resolves to and at every redirect). For tests and closed networks only.
    /// </summary>
    public bool AllowPrivateFetch { get; set; }

    /// <summary>How long fetching a page may take, redirects included.</summary>
    public TimeSpan FetchTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>A larger page is refused.</summary>
    public int MaxPageBytes { get; set; } = 2 * 1024 * 1024;

    /// <summary>Redirects followed (each checked like the first address).</summary>
    public int MaxRedirects { get; set; } = 5;

    /// <summary>The largest import body: a saved page or a feed file.</summary>
    public long MaxImportBytes { get; set; } = 16 * 1024 * 1024;
}
