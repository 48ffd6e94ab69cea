namespace RoleFerry.Web.Charts;

/// <summary>One series of a chart: its name in the legend, its colour, a value per category.</summary>
public sealed record ChartSeries(string Name, string Color, IReadOnlyList<double> Values);
