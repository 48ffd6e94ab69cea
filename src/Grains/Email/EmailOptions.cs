namespace RoleFerry.Grains.Email;

/// <summary>How emails are composed and sent (configuration section <c>RoleFerry:Email</c>).</summary>
public sealed class EmailOptions
{
    public const string SectionName = "RoleFerry:Email";

    /// <summary>Where the public tracking and unsubscribe endpoints answer (<c>{PublicBaseUrl}/u/{token}</c>, <c>/t/o/</c>, <c>/t/c/</c>).</summary>
    public string PublicBaseUrl { get; set; } = "http://127.0.0.1:5080";

    /// <summary>The mailto half of <c>List-Unsubscribe</c>: <c>mailto:{UnsubscribeAddress}?subject=unsubscribe-{token}</c>.</summary>
    public string UnsubscribeAddress { get; set; } = "unsubscribe@roleferry.local";

    /// <summary>
    /// How long one send may take in all: waiting for the mailbox's connection, (re)connecting and
    /// authenticating, the SMTP transaction up to the final reply, and the one transparent resend over a fresh
    /// connection when the kept one turned out dead. It is also each socket read/write timeout of the SMTP client.
    /// Default 20 s, deliberately well below 30 s: the send runs inside the sequence grain's reminder tick, and
    /// Orleans' default grain call timeout is 30 s; a send must finish (or fail) inside that call, with time left
    /// to record its outcome.
    /// </summary>
    public TimeSpan SendTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>
    /// How long a mailbox's SMTP connection may stay open unused before RoleFerry closes it (QUIT); the next send
    /// opens a new one. Servers drop idle connections themselves (often after a few minutes), so keep it shorter.
    /// </summary>
    public TimeSpan SmtpIdleTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>SMTP attempts per step before a transient failure becomes final.</summary>
    public int MaxSmtpAttempts { get; set; } = 3;

    /// <summary>Wait before the first retry after a transient SMTP failure; doubles for each further retry.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary><see cref="PublicBaseUrl"/> without a trailing slash.</summary>
    public string BaseUrl => PublicBaseUrl.TrimEnd('/');

    /// <summary>The wait after <paramref name="failedAttempts"/> failed attempts: base, 2 × base, 4 × base, ...</summary>
    public TimeSpan RetryDelay(int failedAttempts)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(failedAttempts, 1);
        return RetryBaseDelay * Math.Pow(2, Math.Min(failedAttempts - 1, 30));
    }

    /// <summary>Throws when a setting cannot work.</summary>
    public void Validate()
    {
        if (!Uri.TryCreate(PublicBaseUrl, UriKind.Absolute, out var baseUri) || (baseUri.Scheme != Uri.UriSchemeHttp && baseUri.Scheme != Uri.UriSchemeHttps)
            || !string.IsNullOrEmpty(baseUri.Query) || !string.IsNullOrEmpty(baseUri.Fragment))
        {
            throw new InvalidOperationException($"{SectionName}:{nameof(PublicBaseUrl)} must be an absolute http(s) URL without query (was '{PublicBaseUrl}').");
        }

        if (!EmailAddress.IsBare(UnsubscribeAddress))
        {
            throw new InvalidOperationException($"{SectionName}:{nameof(UnsubscribeAddress)} must be a bare email address (was '{UnsubscribeAddress}').");
        }

        if (SendTimeout <= TimeSpan.Zero || SendTimeout.TotalMilliseconds > int.MaxValue)
        {
            throw new InvalidOperationException($"{SectionName}:{nameof(SendTimeout)} must be positive and under 24 days (was {SendTimeout}).");
        }

        if (SmtpIdleTimeout <= TimeSpan.Zero || SmtpIdleTimeout.TotalMilliseconds > int.MaxValue)
        {
            throw new InvalidOperationException($"{SectionName}:{nameof(SmtpIdleTimeout)} must be positive and under 24 days (was {SmtpIdleTimeout}).");
        }

        if (MaxSmtpAttempts < 1)
        {
            throw new InvalidOperationException($"{SectionName}:{nameof(MaxSmtpAttempts)} must be at least 1 (was {MaxSmtpAttempts}).");
        }

        if (RetryBaseDelay <= TimeSpan.Zero)
        {
            throw new InvalidOperationException($"{SectionName}:{nameof(RetryBaseDelay)} must be positive (was {RetryBaseDelay}).");
        }
    }
}
