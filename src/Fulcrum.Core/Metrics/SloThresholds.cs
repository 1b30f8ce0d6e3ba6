using System.Globalization;
using Fulcrum.Errors;

namespace Fulcrum.Metrics;

/// <summary>
/// Service-level objectives for goodput, seconds; a null threshold is not checked. A completed request is good when
/// its TTFT, TPOT and E2E latency are each at most the set threshold, as <c>vllm bench serve --goodput</c> counts;
/// a one-token output's TPOT counts as 0 there, so it never fails the TPOT objective.
/// </summary>
public sealed record SloThresholds(double? TtftSeconds = null, double? TpotSeconds = null, double? E2elSeconds = null)
{
    /// <summary>
    /// Parses <c>KEY:VALUE</c> pairs in milliseconds, the syntax of <c>vllm bench serve --goodput</c>:
    /// keys <c>ttft</c>, <c>tpot</c> and <c>e2el</c>, e.g. <c>ttft:500 tpot:50</c>.
    /// </summary>
    public static SloThresholds Parse(IEnumerable<string> pairs)
    {
        var slo = new SloThresholds();
        foreach (var pair in pairs)
        {
            var parts = pair.Split(':', 2);
            if (parts.Length != 2
                || !double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var ms)
                || !(ms > 0) || double.IsInfinity(ms))
            {
                throw new InputException($"--goodput '{pair}' is invalid; write KEY:MILLISECONDS with a positive number, e.g. ttft:500 tpot:50 e2el:20000.");
            }

            var seconds = ms / 1000.0;
            slo = parts[0].Trim().ToLowerInvariant() switch
            {
                "ttft" => slo with { TtftSeconds = seconds },
                "tpot" => slo with { TpotSeconds = seconds },
                "e2el" => slo with { E2elSeconds = seconds },
                _ => throw new InputException($"--goodput key '{parts[0]}' is unknown; use ttft, tpot or e2el."),
            };
        }

        if (slo.TtftSeconds is null && slo.TpotSeconds is null && slo.E2elSeconds is null)
        {
            throw new InputException("--goodput needs at least one KEY:MILLISECONDS pair, e.g. ttft:500.");
        }

        return slo;
    }

    /// <summary>Whether the completed request <paramref name="request"/> meets every set objective.</summary>
    public bool IsMetBy(in RequestTimeline request) =>
        request.IsCompleted
        && (TtftSeconds is not { } ttft || request.Ttft <= ttft)
        && (TpotSeconds is not { } tpot || (request.Tpot ?? 0) <= tpot)
        && (E2elSeconds is not { } e2el || request.E2el <= e2el);
}
