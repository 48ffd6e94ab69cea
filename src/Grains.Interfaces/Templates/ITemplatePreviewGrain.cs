namespace RoleFerry.Grains.Interfaces.Templates;

/// <summary>
/// Renders a template's steps as a person would get them (key: the user id): with the built-in variables of one of
/// the user's applications and contacts, or with sample values (Jamie Rivera at Acme) when none is given. Stateless.
/// </summary>
[Alias("RoleFerry.ITemplatePreviewGrain")]
public interface ITemplatePreviewGrain : IGrainWithIntegerKey
{
    /// <summary>Null when the template, application or contact is not the user's (platform templates are everyone's).</summary>
    [Alias("Preview")]
    Task<TemplatePreview?> PreviewAsync(long templateId, long? applicationId, long? contactId);
}
