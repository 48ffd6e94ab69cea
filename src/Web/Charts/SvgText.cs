using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;

namespace RoleFerry.Web.Charts;

/// <summary>An SVG <c>&lt;text&gt;</c> element (Razor reserves the tag name inside code blocks, so charts write it through this).</summary>
public sealed class SvgText : ComponentBase
{
    [Parameter] public double X { get; set; }

    [Parameter] public double Y { get; set; }

    /// <summary>start, middle or end.</summary>
    [Parameter] public string Anchor { get; set; } = "start";

    /// <summary>Degrees to turn the text around its anchor point (negative: counter-clockwise).</summary>
    [Parameter] public double Rotate { get; set; }

    [Parameter] public string Text { get; set; } = "";

    protected override void BuildRenderTree(RenderTreeBuilder builder)
    {
        builder.OpenElement(0, "text");
        builder.AddAttribute(1, "x", Number(X));
        builder.AddAttribute(2, "y", Number(Y));
        builder.AddAttribute(3, "text-anchor", Anchor);
        if (Rotate != 0)
        {
            builder.AddAttribute(4, "transform", $"rotate({Number(Rotate)} {Number(X)} {Number(Y)})");
        }

        builder.AddContent(5, Text);
        builder.CloseElement();
    }

    internal static string Number(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
