using System.Globalization;
using Fulcrum.Errors;

namespace Fulcrum.Workloads;

/// <summary>
/// Distribution of a request's input or output length in tokens. Samples are rounded to the nearest integer and
/// clamped to [<see cref="Min"/>, <see cref="Max"/>], so the bounds hold a little extra probability mass when they
/// cut the distribution.
/// </summary>
public abstract record LengthDistribution
{
    /// <summary>Smallest length a sample can take, at least 1.</summary>
    public abstract int Min { get; }

    /// <summary>Largest length a sample can take.</summary>
    public abstract int Max { get; }

    /// <summary>Short description for reports, such as "normal(1024, 256) in [1, 4096]" or "normal(1024, 256) ≥ 1".</summary>
    public abstract string Describe();

    /// <summary>Draws one length from <paramref name="random"/>.</summary>
    public abstract int Sample(SeededRandom random);

    /// <summary>Throws a bad-input error naming <paramref name="what"/> when a parameter is out of range.</summary>
    public abstract void Validate(string what);

    protected static int Clamp(double value, int min, int max)
    {
        var rounded = Math.Round(value, MidpointRounding.AwayFromZero);
        if (rounded <= min)
        {
            return min;
        }

        return rounded >= max ? max : (int)rounded;
    }

    protected static void CheckBounds(string what, int min, int max)
    {
        if (min < 1)
        {
            throw new InputException($"{what}: the minimum length must be at least 1 token; got {min}.");
        }

        if (max < min)
        {
            throw new InputException($"{what}: the maximum length {max} is below the minimum {min}; swap or widen the bounds.");
        }
    }

    protected static string Number(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);

    protected static string Bounds(int lower, int upper) =>
        upper == int.MaxValue ? $"≥ {lower}" : $"in [{lower}, {upper}]";

    /// <summary>Every sample is <see cref="Length"/>.</summary>
    public sealed record Fixed(int Length) : LengthDistribution
    {
        public override int Min => Length;

        public override int Max => Length;

        public override string Describe() => Length.ToString(CultureInfo.InvariantCulture);

        public override int Sample(SeededRandom random) => Length;

        public override void Validate(string what)
        {
            if (Length < 1)
            {
                throw new InputException($"{what} must be at least 1 token; got {Length}.");
            }
        }
    }

    /// <summary>Uniform over the integers in [<paramref name="Lower"/>, <paramref name="Upper"/>].</summary>
    public sealed record Uniform(int Lower, int Upper) : LengthDistribution
    {
        public override int Min => Lower;

        public override int Max => Upper;

        public override string Describe() => $"uniform [{Lower}, {Upper}]";

        public override int Sample(SeededRandom random) => random.NextInt(Lower, Upper);

        public override void Validate(string what) => CheckBounds(what, Lower, Upper);
    }

    /// <summary>Normal with the given mean and standard deviation in tokens, clamped to the bounds.</summary>
    public sealed record Normal(double Mean, double StandardDeviation, int Lower, int Upper) : LengthDistribution
    {
        public override int Min => Lower;

        public override int Max => Upper;

        public override string Describe() => $"normal({Number(Mean)}, {Number(StandardDeviation)}) {Bounds(Lower, Upper)}";

        public override int Sample(SeededRandom random) =>
            Clamp(Mean + (StandardDeviation * random.NextStandardNormal()), Lower, Upper);

        public override void Validate(string what)
        {
            CheckBounds(what, Lower, Upper);
            if (!(Mean > 0) || !(StandardDeviation >= 0) || double.IsInfinity(Mean) || double.IsInfinity(StandardDeviation))
            {
                throw new InputException($"{what}: a normal distribution needs a positive mean and a non-negative standard deviation; got mean {Number(Mean)}, std {Number(StandardDeviation)}.");
            }
        }
    }

    /// <summary>
    /// Log-normal whose lengths have the given mean and standard deviation in tokens, clamped to the bounds.
    /// The underlying normal has σ² = ln(1 + std²/mean²) and μ = ln(mean) − σ²/2.
    /// </summary>
    public sealed record LogNormal(double Mean, double StandardDeviation, int Lower, int Upper) : LengthDistribution
    {
        public override int Min => Lower;

        public override int Max => Upper;

        public override string Describe() => $"lognormal({Number(Mean)}, {Number(StandardDeviation)}) {Bounds(Lower, Upper)}";

        public override int Sample(SeededRandom random)
        {
            var variance = Math.Log(1.0 + (StandardDeviation * StandardDeviation / (Mean * Mean)));
            var mu = Math.Log(Mean) - (variance / 2.0);
            return Clamp(Math.Exp(mu + (Math.Sqrt(variance) * random.NextStandardNormal())), Lower, Upper);
        }

        public override void Validate(string what)
        {
            CheckBounds(what, Lower, Upper);
            if (!(Mean > 0) || !(StandardDeviation > 0) || double.IsInfinity(Mean) || double.IsInfinity(StandardDeviation))
            {
                throw new InputException($"{what}: a log-normal distribution needs a positive mean and standard deviation; got mean {Number(Mean)}, std {Number(StandardDeviation)}.");
            }
        }
    }
}
