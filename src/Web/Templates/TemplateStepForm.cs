namespace RoleFerry.Web.Templates;

public sealed class TemplateStepForm
{
    public double? DelayHours { get; set; }

    public string? Subject { get; set; }

    public string? Body { get; set; }
}
