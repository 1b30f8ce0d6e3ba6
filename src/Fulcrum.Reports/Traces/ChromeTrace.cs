using System.Text.Json;
using Fulcrum.Metrics;
using Fulcrum.Simulation;

namespace Fulcrum.Reports.Traces;

/// <summary>
/// Writes a simulated run in the Chrome trace event format (JSON object form), which Perfetto and
/// chrome://tracing open. Each replica is a process and each pipeline stage a thread whose slices are the steps.
/// Each replica also gets a KV-cache usage counter, and each request asynchronous slices for its time queued, in
/// prefill and in decode. Timestamps are simulated microseconds.
/// </summary>
public static class ChromeTrace
{
    /// <summary>Writes the trace of <paramref name="result"/>, which must have been run with a recorded timeline.</summary>
    public static void Write(Stream stream, SimulationResult result)
    {
        var timeline = result.Timeline ?? throw new ArgumentException("The simulation was run without RecordTimeline.", nameof(result));
        using var json = new Utf8JsonWriter(stream);
        json.WriteStartObject();
        json.WriteString("displayTimeUnit", "ms");
        json.WriteStartArray("traceEvents");
        WriteNames(json, result.Engine.Replicas, result.Engine.Stages);
        foreach (var span in timeline)
        {
            WriteStep(json, span);
        }

        for (var id = 0; id < result.Requests.Count; id++)
        {
            WriteRequest(json, id, result.Requests[id], result.RequestReplicas[id]);
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteNames(Utf8JsonWriter json, int replicas, int stages)
    {
        for (var r = 0; r < replicas; r++)
        {
            Metadata(json, "process_name", r, null, $"replica {r}");
            for (var s = 0; s < stages; s++)
            {
                Metadata(json, "thread_name", r, s, $"stage {s}");
            }
        }
    }

    private static void Metadata(Utf8JsonWriter json, string kind, int pid, int? tid, string name)
    {
        json.WriteStartObject();
        json.WriteString("name", kind);
        json.WriteString("ph", "M");
        json.WriteNumber("pid", pid);
        if (tid is { } t)
        {
            json.WriteNumber("tid", t);
        }

        json.WriteStartObject("args");
        json.WriteString("name", name);
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteStep(Utf8JsonWriter json, in StageSpan span)
    {
        var name = "mixed";
        if (span.PrefillSequences == 0)
        {
            name = "decode";
        }
        else if (span.DecodeSequences == 0)
        {
            name = "prefill";
        }

        json.WriteStartObject();
        json.WriteString("name", name);
        json.WriteString("cat", "step");
        json.WriteString("ph", "X");
        json.WriteNumber("ts", Microseconds(span.StartSeconds));
        json.WriteNumber("dur", Microseconds(span.EndSeconds - span.StartSeconds));
        json.WriteNumber("pid", span.Replica);
        json.WriteNumber("tid", span.Stage);
        json.WriteStartObject("args");
        json.WriteNumber("step", span.Step);
        json.WriteNumber("prefill_tokens", span.PrefillTokens);
        json.WriteNumber("prefill_sequences", span.PrefillSequences);
        json.WriteNumber("decode_sequences", span.DecodeSequences);
        json.WriteEndObject();
        json.WriteEndObject();

        if (span.Stage == 0)
        {
            json.WriteStartObject();
            json.WriteString("name", "kv_cache_usage");
            json.WriteString("ph", "C");
            json.WriteNumber("ts", Microseconds(span.StartSeconds));
            json.WriteNumber("pid", span.Replica);
            json.WriteStartObject("args");
            json.WriteNumber("usage", span.KvCacheUsage);
            json.WriteEndObject();
            json.WriteEndObject();
        }
    }

    private static void WriteRequest(Utf8JsonWriter json, int id, in RequestTimeline r, int replica)
    {
        if (r.StartSeconds is not { } start || r.FirstTokenSeconds is not { } first)
        {
            return;
        }

        Async(json, "queued", id, replica, r.ArrivalSeconds, start);
        Async(json, "prefill", id, replica, start, first);
        Async(json, "decode", id, replica, first, r.EndSeconds);
    }

    private static void Async(Utf8JsonWriter json, string name, int id, int replica, double start, double end)
    {
        AsyncEdge(json, name, id, replica, "b", start);
        AsyncEdge(json, name, id, replica, "e", end);
    }

    private static void AsyncEdge(Utf8JsonWriter json, string name, int id, int replica, string phase, double time)
    {
        json.WriteStartObject();
        json.WriteString("name", name);
        json.WriteString("cat", "request");
        json.WriteString("ph", phase);
        json.WriteString("id", $"request-{id}");
        json.WriteNumber("ts", Microseconds(time));
        json.WriteNumber("pid", replica);
        json.WriteNumber("tid", 0);
        json.WriteEndObject();
    }

    private static double Microseconds(double seconds) => Math.Round(seconds * 1e6, 3);
}
