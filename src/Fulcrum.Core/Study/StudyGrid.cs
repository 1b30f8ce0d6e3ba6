using Fulcrum.Specs.Deployments;

namespace Fulcrum.Study;

/// <summary>
/// The static-batch grid of one model: a point for every split × input length × output length × batch size,
/// simulated or not, with lookups the findings, charts and tables share. Lists are sorted ascending.
/// </summary>
public sealed class StudyGrid
{
    private readonly Dictionary<(Split, int, int, int), StaticPoint> index = [];

    /// <exception cref="ArgumentException">A point is missing, repeated, or outside the lists.</exception>
    public StudyGrid(IReadOnlyList<Split> splits, IReadOnlyList<int> inputLengths, IReadOnlyList<int> outputLengths, IReadOnlyList<int> batchSizes, IReadOnlyList<StaticPoint> points)
    {
        Splits = splits;
        InputLengths = inputLengths.Order().ToArray();
        OutputLengths = outputLengths.Order().ToArray();
        BatchSizes = batchSizes.Order().ToArray();
        Points = points;
        if (InputLengths.Count == 0 || OutputLengths.Count == 0 || BatchSizes.Count == 0)
        {
            throw new ArgumentException("A study grid needs at least one input length, output length and batch size.");
        }

        foreach (var p in points)
        {
            if (!splits.Contains(p.Split) || !InputLengths.Contains(p.InputTokens) || !OutputLengths.Contains(p.OutputTokens) || !BatchSizes.Contains(p.BatchSize))
            {
                throw new ArgumentException($"Point {p.Split} input {p.InputTokens} output {p.OutputTokens} batch {p.BatchSize} lies outside the grid's lists.", nameof(points));
            }

            if (!index.TryAdd((p.Split, p.InputTokens, p.OutputTokens, p.BatchSize), p))
            {
                throw new ArgumentException($"Point {p.Split} input {p.InputTokens} output {p.OutputTokens} batch {p.BatchSize} appears twice.", nameof(points));
            }
        }

        var expected = (long)splits.Count * InputLengths.Count * OutputLengths.Count * BatchSizes.Count;
        if (index.Count != expected)
        {
            throw new ArgumentException($"The grid has {index.Count} points but its lists span {expected}; give a point, fitting or not, for every combination.", nameof(points));
        }
    }

    /// <summary>Splits in report order.</summary>
    public IReadOnlyList<Split> Splits { get; }

    public IReadOnlyList<int> InputLengths { get; }

    public IReadOnlyList<int> OutputLengths { get; }

    public IReadOnlyList<int> BatchSizes { get; }

    public IReadOnlyList<StaticPoint> Points { get; }

    /// <summary>The middle input length (the lower of the two middles for an even count): where per-split comparisons are made.</summary>
    public int ReferenceInput => InputLengths[(InputLengths.Count - 1) / 2];

    /// <summary>The middle output length (the lower of the two middles for an even count).</summary>
    public int ReferenceOutput => OutputLengths[(OutputLengths.Count - 1) / 2];

    public int SmallestBatch => BatchSizes[0];

    public int LargestBatchSize => BatchSizes[^1];

    public StaticPoint At(Split split, int inputTokens, int outputTokens, int batchSize) =>
        index.TryGetValue((split, inputTokens, outputTokens, batchSize), out var point)
            ? point
            : throw new ArgumentException($"No point {split} input {inputTokens} output {outputTokens} batch {batchSize} in the grid.");

    /// <summary>The points of one split at one length pair that were run, by batch size ascending.</summary>
    public IReadOnlyList<StaticPoint> Run(Split split, int inputTokens, int outputTokens) =>
        BatchSizes.Select(b => At(split, inputTokens, outputTokens, b)).Where(p => p.Fits).ToList();

    /// <summary>
    /// The split that finishes a batch fastest, which for the same GPUs and batch is the highest output throughput;
    /// the earlier split in <see cref="Splits"/> on a tie; null when the batch fits no split.
    /// </summary>
    public Split? Fastest(int inputTokens, int outputTokens, int batchSize)
    {
        Split? best = null;
        var bestValue = double.NegativeInfinity;
        foreach (var split in Splits)
        {
            if (At(split, inputTokens, outputTokens, batchSize).OutputThroughputPerGpu is { } value && value > bestValue)
            {
                best = split;
                bestValue = value;
            }
        }

        return best;
    }
}
