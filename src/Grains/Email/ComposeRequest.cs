namespace RoleFerry.Grains.Email;

/// <summary>
/// What <see cref="EmailComposer"/> needs for one step's email: the outreach row it belongs to, the mailbox it
/// leaves from, the contact, the user (Reply-To and the sender's display name) and the rendered template parts
/// (<see cref="HtmlBody"/> from <c>TemplateRenderer.RenderHtml</c>: a fragment or a whole document).
/// </summary>
public sealed record ComposeRequest(
    long OutreachId,
    string FromAddress,
    string ToAddress,
    string UserEmail,
    string UserName,
    string Subject,
    string TextBody,
    string HtmlBody,
    string? ToName = null);
