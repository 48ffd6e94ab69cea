namespace RoleFerry.Bench;

/// <summary>
/// One line of the results table: a figure of RoleFerry and the same figure of the baseline measured in the same
/// process; Ratio = RoleFerry ÷ baseline (null when there is no baseline for the figure).
/// </summary>
public sealed record ResultRow(string Section, string Case, string Metric, string Unit, double Value, double? Baseline, string BaselineName)
{
    public double? Ratio => Baseline is > 0 ? Value / Baseline : null;
}
