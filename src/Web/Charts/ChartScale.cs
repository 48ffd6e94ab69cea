using System.Globalization;

namespace RoleFerry.Web.Charts;

/// <summary>A value axis from 0 to a round maximum with 4–6 round ticks (1, 2 or 5 × a power of ten).</summary>
public sealed record ChartScale(double Max, IReadOnlyList<double> Ticks)
{
    public static ChartScale For(double largest, double? fixedMax = null)
    {
        var max = fixedMax ?? Math.Max(largest, 1);
        var rough = max / 5;
        var power = Math.Pow(10, Math.Floor(Math.Log10(rough)));
        var step = new[] { 1d, 2d, 5d, 10d }.Select(f => f * power).First(s => s >= rough);
        var top = fixedMax ?? Math.Ceiling(max / step) * step;
        var ticks = new List<double>();
        for (var tick = 0d; tick <= top + (step / 1000); tick += step)
        {
            ticks.Add(Math.Round(tick, 6));
        }

        return new ChartScale(top, ticks);
    }

    public static string Number(double value) => value.ToString(value % 1 == 0 ? "N0" : "0.##", CultureInfo.InvariantCulture);
}
