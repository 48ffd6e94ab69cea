namespace RoleFerry.Grains.Email;

/// <summary>
/// What <see cref="EmailComposer"/> needs for one step's email: the outreach row it belongs to, the mailbox it
/// leaves from, the contact, the user (Reply-To and the sender's display name) and the rendered template parts
/// (<see cref="HtmlBody"/> from <c>TemplateRenderer.RenderHtml</c>: a fragment or a whole document). The template's
/// tracking switches: <see cref="TrackOpens"/> false = no open pixel, <see cref="TrackClicks"/> false = links as written.
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
    string? ToName = null,
    bool TrackOpens = true,
    bool TrackClicks = true);
