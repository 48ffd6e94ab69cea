using System.Collections;
using System.Reflection;
using Microsoft.AspNetCore.Components.Forms;

namespace RoleFerry.Web.Shared;

/// <summary>
/// Finds the form field an API error names: its path (<c>fullName</c>, <c>steps[1].subject</c>) read against the
/// form's model, property names compared without case, list items by index.
/// </summary>
public static class FieldPaths
{
    public static FieldIdentifier? Find(object model, string path)
    {
        object? owner = model;
        var segments = path.Split('.');
        for (var i = 0; i < segments.Length; i++)
        {
            if (owner is null)
            {
                return null;
            }

            var segment = segments[i];
            int? index = null;
            var bracket = segment.IndexOf('[', StringComparison.Ordinal);
            if (bracket > 0 && segment.EndsWith(']') && int.TryParse(segment[(bracket + 1)..^1], out var parsed))
            {
                index = parsed;
                segment = segment[..bracket];
            }

            var property = owner.GetType().GetProperty(segment, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
            if (property is null)
            {
                return null;
            }

            if (i == segments.Length - 1 && index is null)
            {
                return new FieldIdentifier(owner, property.Name);
            }

            var value = property.GetValue(owner);
            if (index is { } at)
            {
                if (value is not IList list || at < 0 || at >= list.Count)
                {
                    return i == segments.Length - 1 ? new FieldIdentifier(owner, property.Name) : null;
                }

                value = list[at];
                if (i == segments.Length - 1)
                {
                    return new FieldIdentifier(owner, property.Name);
                }
            }

            owner = value;
        }

        return null;
    }
}
