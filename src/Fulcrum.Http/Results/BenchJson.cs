using System.Text.Json;
using System.Text.Json.Nodes;
using Fulcrum.Http.Bench;
using Fulcrum.Http.Client;
using Fulcrum.Http.OpenAi;
using Fulcrum.Reports.Json;
using Fulcrum.Workloads;

namespace Fulcrum.Http.Results;

/// <summary>
/// JSON document of <c>fulcrum bench</c>: the same workload fields and flat <c>vllm bench serve</c> metric
/// fields as <c>fulcrum simulate</c> writes (so <c>fulcrum compare</c> lines them up), then what only a
/// measurement has: endpoint, errors by kind, whether the run was interrupted and where token counts came from.
/// </summary>
public static class BenchJson
{
    public static JsonObject From(BenchResult result, BenchSettings settings)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(settings);
        var spec = result.Spec;
        var rate = spec?.Arrival as ArrivalProcess.Rate;
        var run = result.Run;
        var json = new JsonObject
        {
            ["backend"] = "fulcrum-bench",
            ["model_id"] = result.ModelName,
            ["base_url"] = settings.BaseAddress.AbsoluteUri,
            ["endpoint"] = settings.Endpoint == EndpointKind.Chat ? "/v1/chat/completions" : "/v1/completions",
            ["num_prompts"] = result.Workload.Requests.Count,
            ["request_rate"] = rate?.RequestsPerSecond,
            ["burstiness"] = rate?.Burstiness is { } b && double.IsFinite(b) ? b : null,
            ["max_concurrency"] = result.Workload.MaxConcurrency,
            ["seed"] = spec?.Seed,
            ["trace"] = spec?.Trace?.Name,
            ["workload"] = result.Workload.Description,
            ["workload_spec"] = spec is null ? null : WorkloadSpecJson.Write(spec),

            // Prompts from a file set their own lengths (and may set max_tokens), so workload_spec's lengths do not apply.
            ["prompts_from_file"] = settings.Prompts is not null,
        };
        ServingMetricsJson.AddTo(json, result.Metrics);
        json["interrupted"] = run.Interrupted;
        json["stop_reason"] = JsonNamingPolicy.SnakeCaseLower.ConvertName(run.StopReason.ToString());
        json["sent_requests"] = run.Records.Count;
        json["cancelled_requests"] = run.Records.Count(r => r.Status == RequestStatus.Cancelled);
        var errors = new JsonObject();
        foreach (var (kind, count) in result.ErrorsByKind)
        {
            errors[JsonNamingPolicy.SnakeCaseLower.ConvertName(kind.ToString())] = count;
        }

        json["errors"] = errors;
        json["error_examples"] = ErrorExamples(run.Records);
        AddTokenSources(json, run.Records);
        json["http_client"] = settings.Client.TransportFor(settings.BaseAddress) == ClientTransport.Streaming ? "streaming" : "dotnet";
        json["client_no_gc_region"] = result.ClientGc?.NoGCRegion;
        json["client_gc_collections"] = result.ClientGc?.Collections;
        json["client_gc_pause_ms"] = result.ClientGc?.PauseMilliseconds;
        return json;
    }

    /// <summary>Where output token counts came from and whether any is an estimate.</summary>
    private static void AddTokenSources(JsonObject json, IReadOnlyList<RequestRecord> records)
    {
        var ended = records.Where(r => r.Status == RequestStatus.Succeeded).ToList();
        var sources = ended.Select(r => r.OutputTokenSource).Distinct().OrderBy(s => s).ToList();
        json["output_tokens_source"] = sources.Count switch
        {
            0 => null,
            1 => JsonNamingPolicy.SnakeCaseLower.ConvertName(sources[0].ToString()),
            _ => "mixed",
        };
        json["output_tokens_approximate"] = ended.Any(r => r.OutputTokensApproximate);
        json["input_tokens_approximate"] = ended.Any(r => r.InputTokens is null);
        json["token_times_spread_over_chunks"] = ended.Any(r => r.MultiTokenChunks);
    }

    /// <summary>The first message of each error kind, so a report shows why without opening the records.</summary>
    private static JsonObject ErrorExamples(IReadOnlyList<RequestRecord> records)
    {
        var examples = new JsonObject();
        foreach (var record in records)
        {
            if (record.Error is { } kind)
            {
                var name = JsonNamingPolicy.SnakeCaseLower.ConvertName(kind.ToString());
                if (!examples.ContainsKey(name))
                {
                    examples[name] = record.ErrorMessage;
                }
            }
        }

        return examples;
    }
}
