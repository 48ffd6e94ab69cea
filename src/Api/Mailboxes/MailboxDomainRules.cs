using System.Text.RegularExpressions;

namespace RoleFerry.Api.Mailboxes;

/// <summary>
/// A sending mailbox's domain, checked by POST and PATCH as the mailbox pool checks it (NewMailboxValidator): lower-case
/// labels of letters, digits and inner hyphens, at most 253 characters, compared trimmed and lower-cased.
/// </summary>
public static partial class MailboxDomainRules
{
    public static bool IsValid(string domain) => DomainShape().IsMatch(domain.Trim().ToLowerInvariant());

    [GeneratedRegex(@"^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$")]
    private static partial Regex DomainShape();
}
