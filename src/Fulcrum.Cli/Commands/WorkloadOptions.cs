using System.CommandLine;
using Fulcrum.Errors;
using Fulcrum.Metrics;
using Fulcrum.Workloads;
using Fulcrum.Workloads.Traces;

namespace Fulcrum.Cli.Commands;

/// <summary>
/// Traffic options shared by every command that sends a workload (the simulator and live benchmarks), with
/// <c>vllm bench serve</c>'s names where it has the option: request count, arrival process, lengths, trace,
/// client concurrency cap, seed and goodput objectives.
/// </summary>
public sealed class WorkloadOptions
{
    public Option<int?> NumPrompts { get; } = new("--num-prompts")
    {
        Description = $"Requests to send; default: every row of --trace, else {WorkloadSpec.DefaultNumPrompts}.",
    };

    public Option<double?> RequestRate { get; } = new("--request-rate")
    {
        Description = "Mean arrival rate, requests/s, or inf for all at once; default: all requests at once (or the trace's own timestamps with --trace).",
        CustomParser = result =>
        {
            var text = result.Tokens.Count == 0 ? string.Empty : result.Tokens[0].Value;
            var rate = ParseRate(text);
            if (rate is null)
            {
                result.AddError($"--request-rate '{text}' is not a number; give requests per second, such as 4 or 0.5, or inf for all at once.");
            }

            return rate;
        },
    };

    public Option<double> Burstiness { get; } = new("--burstiness")
    {
        Description = "Shape of the gamma-distributed gaps between arrivals at --request-rate: 1 is Poisson, below 1 burstier, above 1 more even.",
        DefaultValueFactory = _ => 1.0,
    };

    public Option<int?> MaxConcurrency { get; } = new("--max-concurrency")
    {
        Description = "Maximum requests the client keeps outstanding; with no --request-rate this is a closed loop of that many users.",
    };

    public Option<long> Seed { get; } = new("--seed")
    {
        Description = "Seed of every random draw (arrival gaps, lengths); the same seed gives the same run.",
        DefaultValueFactory = _ => 0,
    };

    public LengthOptions Input { get; } = new("input", 1024);

    public LengthOptions Output { get; } = new("output", 128);

    public Option<string?> Trace { get; } = new("--trace")
    {
        Description = $"Trace to replay: a built-in name ({string.Join(", ", TraceCatalog.Names)}) or a CSV/JSONL file (layouts in data/traces/README.md). Sets the lengths, and the arrival times unless --request-rate is given.",
    };

    public Option<double> TraceTimeScale { get; } = new("--trace-time-scale")
    {
        Description = "Factor on the trace's gaps between arrivals: 0.5 replays twice as fast.",
        DefaultValueFactory = _ => 1.0,
    };

    public Option<string[]> Goodput { get; } = new("--goodput")
    {
        Description = "Goodput objectives as KEY:MILLISECONDS with keys ttft, tpot and e2el, e.g. --goodput ttft:500 tpot:50.",
        AllowMultipleArgumentsPerToken = true,
    };

    /// <summary>
    /// Trace replayed when the user gives neither --trace nor explicit lengths; null sends fixed-length requests.
    /// The planner defaults to a real trace, the simulator and live benchmark to fixed lengths.
    /// </summary>
    public string? DefaultTrace { get; init; }

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { NumPrompts, RequestRate, Burstiness, MaxConcurrency, Seed, Trace, TraceTimeScale, Goodput })
        {
            command.Options.Add(option);
        }

        Input.AddTo(command);
        Output.AddTo(command);
    }

    /// <summary>Reads the options into a spec; throws a bad-input error naming the option and the fix.</summary>
    public WorkloadSpec ReadSpec(ParseResult parse)
    {
        var lengthsGiven = parse.GetResult(Input.Length) is { Implicit: false } || parse.GetResult(Output.Length) is { Implicit: false };
        var traceName = parse.GetValue(Trace) ?? (lengthsGiven ? null : DefaultTrace);
        var trace = traceName is { } name ? TraceCatalog.Resolve(name) : null;
        var rate = parse.GetValue(RequestRate);
        var burstiness = parse.GetValue(Burstiness);
        ArrivalProcess arrival = rate switch
        {
            null when trace is not null => new ArrivalProcess.Replay(parse.GetValue(TraceTimeScale)),
            null => new ArrivalProcess.AllAtOnce(),
            { } r when double.IsPositiveInfinity(r) => new ArrivalProcess.AllAtOnce(),
            { } r => new ArrivalProcess.Rate(r, burstiness),
        };
        if (trace is not null && lengthsGiven)
        {
            throw new InputException("--trace sets the request lengths; drop --input-len and --output-len, or drop --trace.");
        }

        var spec = new WorkloadSpec
        {
            NumPrompts = parse.GetValue(NumPrompts),
            Arrival = arrival,
            InputLength = Input.Read(parse),
            OutputLength = Output.Read(parse),
            Trace = trace,
            MaxConcurrency = parse.GetValue(MaxConcurrency),
            Seed = parse.GetValue(Seed),
        };
        spec.Validate();
        return spec;
    }

    /// <summary>The goodput objectives, or null when --goodput was not given.</summary>
    public SloThresholds? ReadSlo(ParseResult parse) =>
        parse.GetValue(Goodput) is { Length: > 0 } pairs ? SloThresholds.Parse(pairs) : null;

    /// <summary>Reads a rate as <c>vllm bench serve</c> does: a number, or <c>inf</c> for every request at once; null when neither.</summary>
    private static double? ParseRate(string text)
    {
        if (text.Trim().ToLowerInvariant() is "inf" or "infinity")
        {
            return double.PositiveInfinity;
        }

        if (double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var rate))
        {
            return rate;
        }

        return null;
    }
}
