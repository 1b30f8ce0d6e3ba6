namespace Fulcrum.Reports.Charts.Rendering;

/// <summary>The drawable points of a series in plot coordinates, with their labels; points that cannot be drawn are left out.</summary>
internal sealed record MappedPoints(double[] Xs, double[] Ys, string?[] Labels)
{
    public int Count => Xs.Length;

    /// <summary>Maps each point on both axes and keeps those that map on both, recording them in the axis ranges.</summary>
    public static MappedPoints From(IEnumerable<ChartPoint> points, AxisMapper x, AxisMapper y)
    {
        var xs = new List<double>();
        var ys = new List<double>();
        var labels = new List<string?>();
        foreach (var point in points)
        {
            if (x.Map(point.X) is not { } px || y.Map(point.Y) is not { } py)
            {
                continue;
            }

            x.Record(px);
            y.Record(py);
            xs.Add(px);
            ys.Add(py);
            labels.Add(point.Label);
        }

        return new MappedPoints([.. xs], [.. ys], [.. labels]);
    }
}
