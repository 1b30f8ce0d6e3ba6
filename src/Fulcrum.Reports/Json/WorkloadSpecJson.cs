using System.Text.Json.Nodes;
using Fulcrum.Errors;
using Fulcrum.Workloads;
using Fulcrum.Workloads.Traces;

namespace Fulcrum.Reports.Json;

/// <summary>
/// The <c>workload_spec</c> object of <c>fulcrum simulate --json</c> and <c>fulcrum bench --json</c>: every setting
/// that draws the workload (count, arrival process, length distributions, trace, concurrency cap, seed), so a later
/// command can draw the same requests again. Fields in docs/JSON.md.
/// </summary>
public static class WorkloadSpecJson
{
    public static JsonObject Write(WorkloadSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var json = new JsonObject
        {
            ["num_prompts"] = spec.NumPrompts ?? spec.Trace?.Rows.Count ?? WorkloadSpec.DefaultNumPrompts,
        };
        switch (spec.Arrival)
        {
            case ArrivalProcess.Rate rate:
                json["arrival"] = "rate";
                json["request_rate"] = rate.RequestsPerSecond;

                // An infinite burstiness (constant gaps) is written as the string "Infinity", as JsonOutput allows.
                json["burstiness"] = JsonValue.Create(rate.Burstiness);
                json["trace_time_scale"] = null;
                break;
            case ArrivalProcess.Replay replay:
                json["arrival"] = "trace_replay";
                json["request_rate"] = null;
                json["burstiness"] = null;
                json["trace_time_scale"] = replay.TimeScale;
                break;
            default:
                json["arrival"] = "all_at_once";
                json["request_rate"] = null;
                json["burstiness"] = null;
                json["trace_time_scale"] = null;
                break;
        }

        json["trace"] = spec.Trace?.Name;
        json["input_len"] = spec.Trace is null ? Length(spec.InputLength) : null;
        json["output_len"] = spec.Trace is null ? Length(spec.OutputLength) : null;
        json["max_concurrency"] = spec.MaxConcurrency;
        json["seed"] = spec.Seed;
        return json;
    }

    /// <summary>
    /// Reads a <c>workload_spec</c> object back; throws <see cref="InputException"/> naming <paramref name="origin"/>
    /// when a field is missing or invalid, or the trace it names cannot be found.
    /// </summary>
    public static WorkloadSpec Read(JsonObject json, string origin)
    {
        ArgumentNullException.ThrowIfNull(json);
        var fields = new JsonFields(json, origin, "workload_spec.");
        var traceName = fields.OptionalText("trace");
        var trace = traceName is null ? null : ResolveTrace(traceName, origin);
        var arrival = fields.Text("arrival") switch
        {
            "rate" => new ArrivalProcess.Rate(fields.Number("request_rate"), fields.OptionalNumber("burstiness") ?? 1.0),
            "trace_replay" => new ArrivalProcess.Replay(fields.OptionalNumber("trace_time_scale") ?? 1.0),
            "all_at_once" => (ArrivalProcess)new ArrivalProcess.AllAtOnce(),
            var other => throw new InputException($"{origin}: workload_spec.arrival '{other}' is unknown; expected rate, trace_replay or all_at_once."),
        };
        var spec = new WorkloadSpec
        {
            NumPrompts = fields.Integer("num_prompts"),
            Arrival = arrival,
            Trace = trace,
            MaxConcurrency = fields.OptionalInteger("max_concurrency"),
            Seed = fields.Long("seed"),
        };
        if (trace is null)
        {
            spec = spec with
            {
                InputLength = ReadLength(fields.Object("input_len"), origin),
                OutputLength = ReadLength(fields.Object("output_len"), origin),
            };
        }

        spec.Validate();
        return spec;
    }

    private static JsonObject Length(LengthDistribution length) => length switch
    {
        LengthDistribution.Fixed f => Distribution("fixed", f.Length, null, f.Min, f.Max),
        LengthDistribution.Uniform u => Distribution("uniform", null, null, u.Min, u.Max),
        LengthDistribution.Normal n => Distribution("normal", n.Mean, n.StandardDeviation, n.Min, n.Max),
        LengthDistribution.LogNormal l => Distribution("lognormal", l.Mean, l.StandardDeviation, l.Min, l.Max),
        _ => throw new ArgumentOutOfRangeException(nameof(length), length, "Unknown length distribution."),
    };

    /// <summary>One length distribution; an unbounded maximum is null.</summary>
    private static JsonObject Distribution(string kind, double? mean, double? std, int min, int max) => new()
    {
        ["distribution"] = kind,
        ["mean_tokens"] = mean,
        ["std_tokens"] = std,
        ["min_tokens"] = min,
        ["max_tokens"] = max == int.MaxValue ? null : max,
    };

    private static LengthDistribution ReadLength(JsonFields length, string origin)
    {
        var min = length.Integer("min_tokens");
        var max = length.OptionalInteger("max_tokens") ?? int.MaxValue;
        return length.Text("distribution") switch
        {
            "fixed" => new LengthDistribution.Fixed(length.Integer("mean_tokens")),
            "uniform" => new LengthDistribution.Uniform(min, max),
            "normal" => new LengthDistribution.Normal(length.Number("mean_tokens"), length.Number("std_tokens"), min, max),
            "lognormal" => new LengthDistribution.LogNormal(length.Number("mean_tokens"), length.Number("std_tokens"), min, max),
            var other => throw new InputException($"{origin}: the length distribution '{other}' in workload_spec is unknown; expected fixed, uniform, normal or lognormal."),
        };
    }

    private static Trace ResolveTrace(string name, string origin)
    {
        try
        {
            return TraceCatalog.Resolve(name);
        }
        catch (InputException e)
        {
            throw new InputException($"{origin}: the workload replays trace '{name}', which cannot be read here: {e.Message} Run compare from the folder the run was started in, or pass the run's --records file.", e);
        }
    }
}
