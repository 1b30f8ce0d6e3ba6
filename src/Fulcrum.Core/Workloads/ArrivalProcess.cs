using System.Globalization;
using Fulcrum.Errors;

namespace Fulcrum.Workloads;

/// <summary>When a workload's requests are sent, in seconds from the start of the run.</summary>
public abstract record ArrivalProcess
{
    /// <summary>Short description for reports.</summary>
    public abstract string Describe();

    /// <summary>Throws a bad-input error when a parameter is out of range.</summary>
    public virtual void Validate()
    {
    }

    /// <summary>Send times of <paramref name="count"/> requests, non-decreasing.</summary>
    /// <param name="trace">The trace rows when the workload replays one; their timestamps are used only by <see cref="Replay"/>.</param>
    internal abstract double[] SendTimes(int count, SeededRandom random, IReadOnlyList<WorkloadRequest>? trace);

    /// <summary>Every request at time zero: an offline batch, or a closed loop when the client caps concurrency.</summary>
    public sealed record AllAtOnce : ArrivalProcess
    {
        public override string Describe() => "all at once";

        internal override double[] SendTimes(int count, SeededRandom random, IReadOnlyList<WorkloadRequest>? trace) => new double[count];
    }

    /// <summary>
    /// Requests at <paramref name="RequestsPerSecond"/> with gamma-distributed gaps of shape
    /// <paramref name="Burstiness"/> and the same mean rate, as <c>vllm bench serve --burstiness</c> draws them:
    /// 1 is a Poisson process, below 1 burstier, above 1 more even, infinity a constant gap. As vLLM does, the first
    /// request waits one gap and the send times are rescaled so the last one falls at count / rate exactly.
    /// </summary>
    public sealed record Rate(double RequestsPerSecond, double Burstiness = 1.0) : ArrivalProcess
    {
        public override string Describe() =>
            Burstiness == 1.0
                ? string.Create(CultureInfo.InvariantCulture, $"Poisson at {RequestsPerSecond:0.###} req/s")
                : string.Create(CultureInfo.InvariantCulture, $"gamma at {RequestsPerSecond:0.###} req/s, burstiness {Burstiness:0.###}");

        public override void Validate()
        {
            if (!(RequestsPerSecond > 0) || double.IsPositiveInfinity(RequestsPerSecond))
            {
                throw new InputException($"The request rate must be a positive, finite number of requests per second; got {RequestsPerSecond}. Omit it to send every request at once.");
            }

            if (!(Burstiness > 0))
            {
                throw new InputException($"Burstiness must be positive (1 is Poisson); got {Burstiness}.");
            }
        }

        internal override double[] SendTimes(int count, SeededRandom random, IReadOnlyList<WorkloadRequest>? trace)
        {
            var times = new double[count];
            var scale = 1.0 / (RequestsPerSecond * Burstiness);
            var sum = 0.0;
            for (var i = 0; i < count; i++)
            {
                sum += double.IsPositiveInfinity(Burstiness) ? 1.0 / RequestsPerSecond : random.NextGamma(Burstiness, scale);
                times[i] = sum;
            }

            if (count > 0 && sum > 0)
            {
                var normalize = count / RequestsPerSecond / sum;
                for (var i = 0; i < count; i++)
                {
                    times[i] *= normalize;
                }
            }

            return times;
        }
    }

    /// <summary>The trace's own timestamps, relative to its first request, multiplied by <paramref name="TimeScale"/> (0.5 replays twice as fast).</summary>
    public sealed record Replay(double TimeScale = 1.0) : ArrivalProcess
    {
        public override string Describe() =>
            TimeScale == 1.0 ? "trace timestamps" : string.Create(CultureInfo.InvariantCulture, $"trace timestamps × {TimeScale:0.###}");

        public override void Validate()
        {
            if (!(TimeScale > 0) || double.IsPositiveInfinity(TimeScale))
            {
                throw new InputException($"The trace time scale must be a positive, finite factor; got {TimeScale}.");
            }
        }

        internal override double[] SendTimes(int count, SeededRandom random, IReadOnlyList<WorkloadRequest>? trace)
        {
            if (trace is null)
            {
                throw new InputException("Replaying arrival times needs a trace; pass --trace FILE or a request rate.");
            }

            var times = new double[count];
            for (var i = 0; i < count; i++)
            {
                times[i] = trace[i].ArrivalSeconds * TimeScale;
            }

            return times;
        }
    }
}
