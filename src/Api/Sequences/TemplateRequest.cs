using System.Globalization;
using RoleFerry.Api.Infrastructure;

namespace RoleFerry.Api.Sequences;

/// <summary>
/// POST/PUT /api/sequence-templates. <see cref="TrackOpens"/> / <see cref="TrackClicks"/> (default true): false sends
/// the template's emails without the open pixel, or with their links as written.
/// </summary>
public sealed record TemplateRequest(
    string? Name,
    string? Description,
    IReadOnlyList<TemplateStepDto>? Steps,
    SendingWindowDto? SendingWindow,
    bool? TrackOpens = null,
    bool? TrackClicks = null)
{
    private static readonly string[] DayNames = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

    public ValidationErrors Validate()
    {
        var errors = new ValidationErrors();
        errors.Required(Name, "name");
        errors.Optional(Description, "description", ValidationErrors.MaxLongTextLength);
        if (Steps is null || Steps.Count == 0)
        {
            errors.Add("steps", "steps needs at least one step.");
        }
        else
        {
            if (Steps.Count > 20)
            {
                errors.Add("steps", "steps has at most 20 steps.");
            }

            for (var i = 0; i < Steps.Count; i++)
            {
                var step = Steps[i];
                if (step.StepNo != i + 1)
                {
                    errors.Add($"steps[{i}].stepNo", "stepNo must run 1..n in order, without gaps.");
                }

                if (step.DelayHours is not (>= 0 and <= 24 * 365))
                {
                    errors.Add($"steps[{i}].delayHours", "delayHours must be a number from 0 to 8760.");
                }

                // A follow-up's empty subject goes out as "Re: " + step 1's subject (in step 1's thread).
                if (i == 0)
                {
                    errors.Required(step.Subject, $"steps[{i}].subject", 998);
                }
                else
                {
                    errors.Optional(step.Subject, $"steps[{i}].subject", 998);
                }
                errors.Required(step.Body, $"steps[{i}].body", ValidationErrors.MaxLongTextLength);
            }
        }

        if (SendingWindow is { } window)
        {
            if (window.Days is null || window.Days.Count == 0 || window.Days.Any(d => !DayNames.Contains(d)))
            {
                errors.Add("sendingWindow.days", "days must list some of mon, tue, wed, thu, fri, sat, sun.");
            }

            var start = ParseTime(window.Start);
            var end = ParseTime(window.End);
            if (start is null)
            {
                errors.Add("sendingWindow.start", "start must be HH:MM.");
            }

            if (end is null)
            {
                errors.Add("sendingWindow.end", "end must be HH:MM (24:00 for the end of the day).");
            }

            if (start is not null && end is not null && end <= start)
            {
                errors.Add("sendingWindow.end", "end must be after start.");
            }
        }

        return errors;
    }

    /// <summary>Minutes since midnight of "HH:MM", 00:00..24:00; null when malformed.</summary>
    private static int? ParseTime(string? value)
    {
        if (value is not { Length: 5 } || value[2] != ':'
            || !int.TryParse(value.AsSpan(0, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var hours)
            || !int.TryParse(value.AsSpan(3, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var minutes)
            || minutes > 59 || hours > 24 || (hours == 24 && minutes != 0))
        {
            return null;
        }

        return (hours * 60) + minutes;
    }
}
