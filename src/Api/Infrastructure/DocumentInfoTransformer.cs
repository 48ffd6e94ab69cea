using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace RoleFerry.Api.Infrastructure;

/// <summary>
/// The document-level parts a client generator and a linter read: title, description and license; the server
/// this document was served from, without a trailing slash; a description for every tag.
/// </summary>
public sealed class DocumentInfoTransformer : IOpenApiDocumentTransformer
{
    private static readonly Dictionary<string, string> Tags = new(StringComparer.Ordinal)
    {
        ["Accounts"] = "Registration, login and the caller's account: settings, password, export and erasure.",
        ["Profile"] = "The caller's resume and job preferences.",
        ["Companies"] = "The shared catalogue of companies.",
        ["Jobs"] = "Jobs: search, details and the caller's matches.",
        ["Applications"] = "The tracker: the caller's applications, their status history and timeline.",
        ["Interviews"] = "Interviews of the caller's applications.",
        ["Contacts"] = "The people the caller reaches out to.",
        ["Sequence templates"] = "Email sequences to enroll contacts in: the platform's and the caller's own.",
        ["Sequences"] = "Enrolled contacts: the steps sent and to come.",
        ["Analytics"] = "Figures of the caller's outreach.",
        ["Notifications"] = "What happened that the caller should know.",
        ["Inbox"] = "Replies, auto-replies, bounces and unsubscribe requests read from the sending mailboxes over IMAP.",
        ["Mailboxes (admin)"] = "The sending mailboxes (admins only).",
        ["Email events"] = "Delivery, bounce and reply events from the mail provider (signed webhook).",
        ["Tracking"] = "Public links in emails: open pixel, click redirect, unsubscribe, LivePages.",
    };

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info ??= new OpenApiInfo();
        document.Info.Title = "RoleFerry API";
        document.Info.Description = "Cold-email outreach around job applications. Every /api route except register, login and "
            + "the webhook needs Authorization: Bearer <accessToken from POST /api/auth/login>. Errors are RFC 7807 problem details.";
        document.Info.License = new OpenApiLicense { Name = "Proprietary", Identifier = "LicenseRef-RoleFerry-Proprietary" };
        foreach (var server in document.Servers ?? [])
        {
            server.Url = server.Url?.TrimEnd('/');
        }

        foreach (var tag in document.Tags ?? new HashSet<OpenApiTag>())
        {
            if (tag.Name is { } name && Tags.TryGetValue(name, out var description))
            {
                tag.Description = description;
            }
        }

        return Task.CompletedTask;
    }
}
