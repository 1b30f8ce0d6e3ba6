using Fulcrum.Http.Client;
using Fulcrum.Http.Load;
using Fulcrum.Http.OpenAi;
using Fulcrum.Http.Prompts;
using Fulcrum.Metrics;
using Microsoft.ML.Tokenizers;

namespace Fulcrum.Http.Bench;

/// <summary>Everything a benchmark run needs besides the workload: the server, the request fields, prompts and limits.</summary>
public sealed record BenchSettings
{
    /// <summary>The server root, e.g. <c>http://127.0.0.1:8000/</c>.</summary>
    public required Uri BaseAddress { get; init; }

    public EndpointKind Endpoint { get; init; } = EndpointKind.Completions;

    /// <summary>The <c>model</c> field; null takes the first id the server lists under <c>/v1/models</c>.</summary>
    public string? ModelName { get; init; }

    public OutputLengthControl LengthControl { get; init; } = OutputLengthControl.None;

    public ClientOptions Client { get; init; } = new();

    /// <summary>Builds prompts of exact token lengths and counts output tokens client-side; null uses one-token words.</summary>
    public Tokenizer? Tokenizer { get; init; }

    /// <summary>Prompts to send in turn instead of random ones; null draws random prompts of the workload's lengths.</summary>
    public IReadOnlyList<PromptSample>? Prompts { get; init; }

    /// <summary>The file <see cref="Prompts"/> came from, for the workload description; null without one.</summary>
    public string? PromptsFile { get; init; }

    /// <summary>Requests sent one by one before measuring; they are not part of the result.</summary>
    public int WarmupRequests { get; init; } = 1;

    /// <summary>Stop once more than this many requests have failed; null never stops.</summary>
    public int? MaxFailures { get; init; }

    /// <summary>How long the server may take to respond to <c>/v1/models</c> or <c>/health</c> before the run is abandoned.</summary>
    public TimeSpan ReadinessTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Limit on the first checked request and each warm-up request, shorter than <see cref="ClientOptions.RequestTimeout"/>
    /// so a stalled server fails the run in a minute instead of after the request timeout; the smaller of the two applies.
    /// </summary>
    public TimeSpan WarmupTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>After Ctrl-C or the failure limit, how long in-flight requests may finish.</summary>
    public TimeSpan DrainTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>GPUs behind the endpoint for per-GPU rates; null when unknown.</summary>
    public int? Gpus { get; init; }

    public SloThresholds? Slo { get; init; }

    /// <summary>
    /// Allocation budget of the no-GC region each run starts in (<see cref="NoGCRegionScope"/>), in bytes; 0 lets the
    /// client collect as usual.
    /// </summary>
    public long NoGCRegionBytes { get; init; } = NoGCRegionScope.DefaultBudgetBytes;
}
