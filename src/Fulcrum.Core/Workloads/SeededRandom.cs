namespace Fulcrum.Workloads;

/// <summary>
/// Deterministic pseudo-random source: xoshiro256** (Blackman and Vigna, 2018) seeded through SplitMix64.
/// Unlike <see cref="System.Random"/>, whose algorithm .NET may change between versions, the same seed gives
/// the same sequence on every runtime, which keeps simulation results reproducible to the bit.
/// </summary>
public sealed class SeededRandom
{
    private ulong s0;
    private ulong s1;
    private ulong s2;
    private ulong s3;
    private double? spareNormal;

    public SeededRandom(ulong seed)
    {
        var x = seed;
        s0 = SplitMix64(ref x);
        s1 = SplitMix64(ref x);
        s2 = SplitMix64(ref x);
        s3 = SplitMix64(ref x);
    }

    /// <summary>
    /// Creates the source of one random component (arrivals, input lengths, ...) from the run's seed, so adding
    /// draws to one component never shifts the numbers another one sees.
    /// </summary>
    public static SeededRandom ForStream(long seed, RandomComponent stream)
    {
        var x = unchecked((ulong)seed ^ ((ulong)stream * 0x9E3779B97F4A7C15UL));
        return new SeededRandom(SplitMix64(ref x));
    }

    public ulong NextUInt64()
    {
        var result = RotateLeft(s1 * 5, 7) * 9;
        var t = s1 << 17;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = RotateLeft(s3, 45);
        return result;
    }

    /// <summary>Uniform in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform integer in [<paramref name="min"/>, <paramref name="max"/>], both inclusive.</summary>
    public int NextInt(int min, int max)
    {
        var span = (ulong)((long)max - min + 1);
        return (int)(min + (long)(NextUInt64() % span));
    }

    /// <summary>Standard normal by the Box–Muller transform; the second value of each pair is kept for the next call.</summary>
    public double NextStandardNormal()
    {
        if (spareNormal is { } spare)
        {
            spareNormal = null;
            return spare;
        }

        var u1 = 1.0 - NextDouble();
        var u2 = NextDouble();
        var radius = Math.Sqrt(-2.0 * Math.Log(u1));
        spareNormal = radius * Math.Sin(2.0 * Math.PI * u2);
        return radius * Math.Cos(2.0 * Math.PI * u2);
    }

    /// <summary>Exponential with mean <paramref name="mean"/>.</summary>
    public double NextExponential(double mean) => -mean * Math.Log(1.0 - NextDouble());

    /// <summary>
    /// Gamma with the given shape and scale (mean = shape × scale), by Marsaglia and Tsang's method (2000); a shape
    /// below 1 samples shape + 1 and multiplies by U^(1/shape).
    /// </summary>
    public double NextGamma(double shape, double scale)
    {
        if (shape == 1.0)
        {
            return NextExponential(scale);
        }

        if (shape < 1.0)
        {
            var boost = Math.Pow(1.0 - NextDouble(), 1.0 / shape);
            return NextGamma(shape + 1.0, scale) * boost;
        }

        var d = shape - (1.0 / 3.0);
        var c = 1.0 / Math.Sqrt(9.0 * d);
        while (true)
        {
            double x;
            double v;
            do
            {
                x = NextStandardNormal();
                v = 1.0 + (c * x);
            }
            while (v <= 0);

            v = v * v * v;
            var u = 1.0 - NextDouble();
            if (Math.Log(u) < (0.5 * x * x) + (d * (1.0 - v + Math.Log(v))))
            {
                return d * v * scale;
            }
        }
    }

    private static ulong SplitMix64(ref ulong x)
    {
        x = unchecked(x + 0x9E3779B97F4A7C15UL);
        var z = x;
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        return z ^ (z >> 31);
    }

    private static ulong RotateLeft(ulong x, int k) => (x << k) | (x >> (64 - k));
}
