namespace Fulcrum.Simulation;

/// <summary>
/// A step function of simulated time (such as KV-cache usage) summarised in constant memory: its exact
/// time-weighted mean and maximum, and at most <c>maxPoints</c> windows of equal width with the mean in each.
/// When the run outgrows the windows, neighbours merge and the width doubles, so the cost per update is
/// constant and the memory does not grow with the run.
/// </summary>
internal sealed class TimeWeightedSeries(int maxPoints = 64, double initialWidthSeconds = 1e-3)
{
    private readonly double[] integrals = new double[maxPoints];
    private double width = initialWidthSeconds;
    private double lastTime;
    private double lastValue;
    private double integral;

    public double Max { get; private set; }

    /// <summary>Sets the value from <paramref name="timeSeconds"/> on; times must not decrease.</summary>
    public void Set(double timeSeconds, double value)
    {
        Advance(timeSeconds);
        lastValue = value;
        Max = Math.Max(Max, value);
    }

    /// <summary>Time-weighted mean over [0, <paramref name="endSeconds"/>]; null for an empty interval.</summary>
    public double? Mean(double endSeconds)
    {
        Advance(endSeconds);
        return endSeconds > 0 ? integral / endSeconds : null;
    }

    /// <summary>Window means up to <paramref name="endSeconds"/>; the last window may be partial.</summary>
    public IReadOnlyList<TimePoint> Points(double endSeconds)
    {
        Advance(endSeconds);
        var points = new List<TimePoint>();
        for (var i = 0; i < maxPoints && i * width < endSeconds; i++)
        {
            var span = Math.Min(width, endSeconds - (i * width));
            points.Add(new TimePoint(i * width, integrals[i] / span));
        }

        return points;
    }

    private void Advance(double time)
    {
        if (time <= lastTime)
        {
            return;
        }

        while (time > width * maxPoints)
        {
            for (var i = 0; i < maxPoints / 2; i++)
            {
                integrals[i] = integrals[2 * i] + integrals[(2 * i) + 1];
            }

            Array.Clear(integrals, maxPoints / 2, maxPoints - (maxPoints / 2));
            width *= 2;
        }

        integral += lastValue * (time - lastTime);
        if (lastValue != 0)
        {
            var t = lastTime;
            while (t < time)
            {
                var bucket = Math.Min((int)(t / width), maxPoints - 1);
                var end = Math.Min(time, (bucket + 1) * width);
                if (end <= t)
                {
                    end = time;
                }

                integrals[bucket] += lastValue * (end - t);
                t = end;
            }
        }

        lastTime = time;
    }
}
