using System.Globalization;
using Fulcrum.Errors;
using Fulcrum.Workloads.Traces;

namespace Fulcrum.Workloads;

/// <summary>
/// What traffic to send: how many requests, when (<see cref="Arrival"/>), how long (length distributions, or the
/// rows of <see cref="Trace"/>), the client's concurrency cap and the seed. <see cref="Generate"/> turns it into
/// a <see cref="Workload"/>; the same spec and seed always give the same requests.
/// </summary>
public sealed record WorkloadSpec
{
    /// <summary>Requests when no trace sets the count, as <c>vllm bench serve --num-prompts</c> defaults.</summary>
    public const int DefaultNumPrompts = 1000;

    /// <summary>Requests to send; null means every row of the trace, or <see cref="DefaultNumPrompts"/> without one.</summary>
    public int? NumPrompts { get; init; }

    public ArrivalProcess Arrival { get; init; } = new ArrivalProcess.AllAtOnce();

    /// <summary>Prompt lengths; ignored when a trace supplies them.</summary>
    public LengthDistribution InputLength { get; init; } = new LengthDistribution.Fixed(1024);

    /// <summary>Output lengths; ignored when a trace supplies them.</summary>
    public LengthDistribution OutputLength { get; init; } = new LengthDistribution.Fixed(128);

    /// <summary>Trace whose rows give the lengths, and the arrival times when <see cref="Arrival"/> is a replay.</summary>
    public Trace? Trace { get; init; }

    /// <summary>Maximum requests the client keeps outstanding (<c>--max-concurrency</c>); null means no cap.</summary>
    public int? MaxConcurrency { get; init; }

    /// <summary>Seed of every random draw (arrival gaps, lengths); each component derives its own stream from it.</summary>
    public long Seed { get; init; }

    /// <summary>Throws a bad-input error naming the value and the fix when the spec is inconsistent.</summary>
    public void Validate()
    {
        if (NumPrompts is < 0)
        {
            throw new InputException($"--num-prompts must not be negative; got {NumPrompts}.");
        }

        if (MaxConcurrency is < 1)
        {
            throw new InputException($"--max-concurrency must be at least 1; got {MaxConcurrency}. Omit it for no cap.");
        }

        Arrival.Validate();
        if (Trace is null)
        {
            if (Arrival is ArrivalProcess.Replay)
            {
                throw new InputException("Replaying trace timestamps needs a trace; pass --trace NAME or FILE, or a --request-rate.");
            }

            InputLength.Validate("--input-len");
            OutputLength.Validate("--output-len");
        }
        else if (NumPrompts > Trace.Rows.Count)
        {
            throw new InputException(
                $"--num-prompts {NumPrompts} exceeds the {Trace.Rows.Count.ToString("N0", CultureInfo.InvariantCulture)} requests of trace '{Trace.Name}'; pass at most {Trace.Rows.Count} or omit it to replay them all.");
        }
    }

    /// <summary>Draws the requests, sorted by send time.</summary>
    public Workload Generate()
    {
        Validate();
        var count = NumPrompts ?? Trace?.Rows.Count ?? DefaultNumPrompts;
        var times = Arrival.SendTimes(count, SeededRandom.ForStream(Seed, RandomComponent.Arrivals), Trace?.Rows);
        var inputs = SeededRandom.ForStream(Seed, RandomComponent.InputLengths);
        var outputs = SeededRandom.ForStream(Seed, RandomComponent.OutputLengths);
        var requests = new WorkloadRequest[count];
        for (var i = 0; i < count; i++)
        {
            var (input, output) = Trace is { } trace
                ? (trace.Rows[i].InputTokens, trace.Rows[i].OutputTokens)
                : (InputLength.Sample(inputs), OutputLength.Sample(outputs));
            requests[i] = new WorkloadRequest(times[i], input, output);
        }

        return new Workload(requests, MaxConcurrency, Describe());
    }

    /// <summary>One-line description for reports, such as "1,000 requests, Poisson at 4 req/s, input 1024, output 128".</summary>
    public string Describe()
    {
        var count = (NumPrompts ?? Trace?.Rows.Count ?? DefaultNumPrompts).ToString("N0", CultureInfo.InvariantCulture);
        var lengths = Trace is null
            ? $"input {InputLength.Describe()}, output {OutputLength.Describe()}"
            : $"lengths from trace {Trace.Name}";
        var cap = MaxConcurrency is { } c ? $", at most {c} outstanding" : string.Empty;
        return $"{count} requests, {Arrival.Describe()}, {lengths}{cap}, seed {Seed}";
    }
}
