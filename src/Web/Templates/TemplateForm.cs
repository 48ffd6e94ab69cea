namespace RoleFerry.Web.Templates;

/// <summary>
/// The template editor: name, description, steps (delay, subject, body), the sending window (days, start, end in the
/// contact's timezone) and the tracking switches. <see cref="Command"/> is the button pressed: <c>add-step</c>,
/// <c>remove-N</c> (step N) or empty for Save.
/// </summary>
public sealed class TemplateForm
{
    public string? Name { get; set; }

    public string? Description { get; set; }

    public List<TemplateStepForm> Steps { get; set; } = [];

    public bool Mon { get; set; } = true;

    public bool Tue { get; set; } = true;

    public bool Wed { get; set; } = true;

    public bool Thu { get; set; } = true;

    public bool Fri { get; set; } = true;

    public bool Sat { get; set; }

    public bool Sun { get; set; }

    /// <summary>The window's days as the API names them (mon..sun), from the switches; the API's errors about them go to <see cref="Mon"/>.</summary>
    public List<string> Days() =>
        new (bool On, string Key)[] { (Mon, "mon"), (Tue, "tue"), (Wed, "wed"), (Thu, "thu"), (Fri, "fri"), (Sat, "sat"), (Sun, "sun") }
            .Where(d => d.On).Select(d => d.Key).ToList();

    public string? Start { get; set; } = "08:00";

    public string? End { get; set; } = "18:00";

    public bool TrackOpens { get; set; } = true;

    public bool TrackClicks { get; set; } = true;

    public string? Command { get; set; }

    public static TemplateForm New() => new() { Steps = [new TemplateStepForm { DelayHours = 0 }] };

    public static TemplateForm From(Template template) => new()
    {
        Name = template.Name,
        Description = template.Description,
        Steps = template.Steps.Select(s => new TemplateStepForm { DelayHours = s.DelayHours, Subject = s.Subject, Body = s.Body }).ToList(),
        Mon = Has(template, "mon"),
        Tue = Has(template, "tue"),
        Wed = Has(template, "wed"),
        Thu = Has(template, "thu"),
        Fri = Has(template, "fri"),
        Sat = Has(template, "sat"),
        Sun = Has(template, "sun"),
        Start = template.SendingWindow?.Start ?? "08:00",
        End = template.SendingWindow?.End ?? "18:00",
        TrackOpens = template.TrackOpens,
        TrackClicks = template.TrackClicks,
    };

    /// <summary>The body of <c>POST</c>/<c>PUT /api/sequence-templates</c>.</summary>
    public object ToRequest() => new
    {
        name = Name,
        description = string.IsNullOrWhiteSpace(Description) ? null : Description,
        steps = Steps.Select((s, i) => new { stepNo = i + 1, delayHours = s.DelayHours, subject = s.Subject ?? "", body = s.Body }).ToList(),
        sendingWindow = new { days = Days(), start = Start, end = End },
        trackOpens = TrackOpens,
        trackClicks = TrackClicks,
    };

    /// <summary>A window day of the template: absent window = the API's default, Monday to Friday.</summary>
    private static bool Has(Template template, string day) =>
        template.SendingWindow?.Days.Contains(day) ?? day is "mon" or "tue" or "wed" or "thu" or "fri";

    /// <summary>Carries out Add a step / Remove step N; false when the button pressed was Save.</summary>
    public bool ApplyCommand()
    {
        if (Command == "add-step")
        {
            Steps.Add(new TemplateStepForm { DelayHours = 48 });
            return true;
        }

        if (Command?.StartsWith("remove-", StringComparison.Ordinal) == true
            && int.TryParse(Command["remove-".Length..], out var index) && index >= 0 && index < Steps.Count && Steps.Count > 1)
        {
            Steps.RemoveAt(index);
            return true;
        }

        return false;
    }
}
