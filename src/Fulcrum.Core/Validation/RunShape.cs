using System.Globalization;
using System.Text.RegularExpressions;
using Fulcrum.Workloads;

namespace Fulcrum.Validation;

/// <summary>
/// How a measured run sent its requests, read from the free-text <c>batch_or_concurrency</c>,
/// <c>request_rate</c>, <c>isl</c> and <c>osl</c> columns (or from <see cref="Measurement.Run"/> when a result file
/// states them exactly). Null fields were not stated.
/// </summary>
internal sealed partial record RunShape
{
    /// <summary>Requests of a static batch.</summary>
    public int? Batch { get; init; }

    /// <summary>Prompts of an offline or serving run.</summary>
    public int? Prompts { get; init; }

    /// <summary>The engine's sequence cap (<c>max-num-seqs</c>) when the row names it.</summary>
    public int? MaxNumSeqs { get; init; }

    /// <summary>Client concurrency of a serving run.</summary>
    public int? Concurrency { get; init; }

    /// <summary>Offered requests/s; null when requests were sent at once.</summary>
    public double? Rate { get; init; }

    /// <summary>Whether the run used the engine's own maximum batch ("max throughput" rows).</summary>
    public bool EngineMaximum { get; init; }

    public required LengthDistribution InputLength { get; init; }

    public required LengthDistribution OutputLength { get; init; }

    /// <summary>Reads the shape of <paramref name="m"/>; null with <paramref name="reason"/> when the run cannot be reproduced.</summary>
    public static RunShape? Read(Measurement m, ValidationScenario scenario, List<string> assumptions, out string? reason)
    {
        var input = Length(m.Isl, m.IslText, "input", assumptions, out reason);
        var output = input is null ? null : Length(m.Osl, m.OslText, "output", assumptions, out reason);
        if (input is null || output is null)
        {
            return null;
        }

        var shape = m.Run is { } run ? FromRun(run, input, output) : FromText(m, scenario, input, output);
        reason = Check(shape, scenario, m);
        return reason is null ? shape : null;
    }

    private static RunShape FromRun(RunSettings run, LengthDistribution input, LengthDistribution output) => new()
    {
        Prompts = run.NumPrompts,
        Concurrency = run.MaxConcurrency,
        Rate = run.RequestRate,
        MaxNumSeqs = run.MaxNumSeqs,
        InputLength = input,
        OutputLength = output,
    };

    private static RunShape FromText(Measurement m, ValidationScenario scenario, LengthDistribution input, LengthDistribution output)
    {
        var text = m.BatchOrConcurrency ?? string.Empty;
        var prompts = PromptsPattern().Match(text);
        var seqs = MaxNumSeqsPattern().Match(text);
        double? rate = double.TryParse(m.RequestRate, NumberStyles.Float, CultureInfo.InvariantCulture, out var r) && double.IsFinite(r) && r > 0 ? r : null;
        int? promptCount = scenario == ValidationScenario.Offline ? m.Batch : null;
        if (prompts.Success)
        {
            promptCount = Number(prompts);
        }

        return new RunShape
        {
            Batch = scenario == ValidationScenario.StaticBatch ? m.Batch : null,
            Concurrency = scenario == ValidationScenario.Serving ? m.Batch : null,
            Prompts = promptCount,
            MaxNumSeqs = seqs.Success ? Number(seqs) : null,
            Rate = rate,
            EngineMaximum = text.StartsWith("max", StringComparison.OrdinalIgnoreCase),
            InputLength = input,
            OutputLength = output,
        };
    }

    private static string? Check(RunShape shape, ValidationScenario scenario, Measurement m) => scenario switch
    {
        ValidationScenario.StaticBatch when shape.Batch is null =>
            m.BatchOrConcurrency is null ? "the batch size is not stated" : $"batch '{m.BatchOrConcurrency}' is not a plain batch size",
        ValidationScenario.Offline when shape.Prompts is null && !shape.EngineMaximum =>
            $"the prompt count '{m.BatchOrConcurrency}' is neither a number nor the engine's maximum",
        ValidationScenario.Serving when shape.Concurrency is null && shape.Rate is null =>
            "neither a client concurrency nor a request rate is stated",
        _ => null,
    };

    /// <summary>A fixed length, or a uniform spread for "~20000 (+/-15%)"; null with a reason for anything else.</summary>
    private static LengthDistribution? Length(int? tokens, string? text, string what, List<string> assumptions, out string? reason)
    {
        reason = null;
        if (tokens is { } fixedLength)
        {
            return new LengthDistribution.Fixed(fixedLength);
        }

        var spread = SpreadPattern().Match(text ?? string.Empty);
        if (spread.Success)
        {
            var centre = double.Parse(spread.Groups["centre"].Value, CultureInfo.InvariantCulture);
            var percent = double.Parse(spread.Groups["percent"].Value, CultureInfo.InvariantCulture);
            var lower = (int)Math.Round(centre * (1 - (percent / 100)));
            var upper = (int)Math.Round(centre * (1 + (percent / 100)));
            assumptions.Add(string.Create(CultureInfo.InvariantCulture, $"{what} lengths '{text}' drawn uniformly from [{lower}, {upper}]"));
            return new LengthDistribution.Uniform(Math.Max(1, lower), upper);
        }

        reason = text is null
            ? $"the {what} length is not stated"
            : $"{what} lengths '{text}' are not token counts (a dataset or an average), so the requests cannot be rebuilt";
        return null;
    }

    private static int? Number(Match match) =>
        int.TryParse(match.Groups["n"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : null;

    [GeneratedRegex(@"^(?<n>\d+) prompts", RegexOptions.CultureInvariant)]
    private static partial Regex PromptsPattern();

    [GeneratedRegex(@"max-num-seqs (?<n>\d+)", RegexOptions.CultureInvariant)]
    private static partial Regex MaxNumSeqsPattern();

    [GeneratedRegex(@"^~(?<centre>\d+) \(\+/-(?<percent>\d+(\.\d+)?)%\)$", RegexOptions.CultureInvariant)]
    private static partial Regex SpreadPattern();
}
