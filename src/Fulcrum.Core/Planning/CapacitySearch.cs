using Fulcrum.Specs.Deployments;

namespace Fulcrum.Planning;

/// <summary>The highest request rate a deployment serves within an SLA, and the runs around it.</summary>
public sealed record CapacityResult(
    double CapacityRps,
    RunSummary? AtCapacity,
    RunSummary? AboveCapacity,
    int Runs);

/// <summary>
/// Finds the highest sustainable request rate that meets an SLA by bracketing and bisection on simulated runs,
/// as <c>vllm bench sweep serve_sla</c> does on a live server.
/// </summary>
public static class CapacitySearch
{
    /// <summary>
    /// A rate counts as sustained when the run's request throughput reaches this fraction of the offered rate.
    /// With N requests at rate r and a drain of about one E2E latency L, throughput is r / (1 + r·L/N), so a stable
    /// system at N = 1,000, r·L = 100 still shows 0.91; below 0.85 the queue is growing.
    /// </summary>
    public const double SustainedFraction = 0.85;

    private const int MaxBracketSteps = 12;

    /// <summary>Runs the search from <paramref name="startRate"/> requests/s; the result is within <paramref name="tolerance"/> relative.</summary>
    public static CapacityResult Find(IServingEvaluator evaluator, Deployment deployment, ServiceLevelAgreement sla, double startRate, double tolerance = 0.05)
    {
        var runs = 0;
        bool Passes(double rate, out RunSummary summary)
        {
            runs++;
            summary = evaluator.Evaluate(deployment, rate);
            return summary.Meets(sla) && summary.RequestThroughput >= SustainedFraction * rate;
        }

        var rate = startRate;
        RunSummary? low = null;
        RunSummary? high = null;
        double lowRate = 0;
        var highRate = double.NaN;

        // Bracket: double while passing, halve while failing.
        if (Passes(rate, out var first))
        {
            low = first;
            lowRate = rate;
            for (var i = 0; i < MaxBracketSteps; i++)
            {
                rate *= 2;
                if (!Passes(rate, out var s))
                {
                    high = s;
                    highRate = rate;
                    break;
                }

                low = s;
                lowRate = rate;
            }
        }
        else
        {
            high = first;
            highRate = rate;
            for (var i = 0; i < MaxBracketSteps; i++)
            {
                rate /= 2;
                if (Passes(rate, out var s))
                {
                    low = s;
                    lowRate = rate;
                    break;
                }

                high = s;
                highRate = rate;
            }
        }

        if (low is null || double.IsNaN(highRate))
        {
            // Never passed (capacity 0), or passed even at the top of the bracket.
            return new CapacityResult(lowRate, low, high, runs);
        }

        while ((highRate - lowRate) / highRate > tolerance)
        {
            var middle = (lowRate + highRate) / 2;
            if (Passes(middle, out var s))
            {
                low = s;
                lowRate = middle;
            }
            else
            {
                high = s;
                highRate = middle;
            }
        }

        return new CapacityResult(lowRate, low, high, runs);
    }
}
