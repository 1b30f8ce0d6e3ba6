using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Fulcrum.Errors;
using Fulcrum.Reports.Json;
using Fulcrum.Workloads;

namespace Fulcrum.Reports.Comparison;

/// <summary>
/// The requests of a measured run, rebuilt for the simulator: drawn again from the result's <c>workload_spec</c>, or
/// read one by one from the run's per-request records (<c>fulcrum bench --records</c>).
/// </summary>
/// <param name="Workload">The requests in send order, with the run's concurrency cap.</param>
/// <param name="Spec">The spec they were drawn from; null when they came from records.</param>
/// <param name="Source">Where the requests came from, for reports.</param>
public sealed record MeasuredWorkload(Workload Workload, WorkloadSpec? Spec, string Source)
{
    /// <summary>
    /// Draws the result's <c>workload_spec</c> again: with the same seed the simulator gets the requests the client
    /// scheduled, with the lengths it asked for. Throws <see cref="InputException"/> when the result has no spec or
    /// sent prompts from a file, whose lengths the spec does not describe.
    /// </summary>
    public static MeasuredWorkload FromResult(JsonObject measured, string path)
    {
        ArgumentNullException.ThrowIfNull(measured);
        var fields = new JsonFields(measured, path);
        if (fields.Has("prompts_from_file") && fields.Boolean("prompts_from_file"))
        {
            throw new InputException($"{path}: the run sent prompts from a --prompts file, so workload_spec does not give their lengths; pass the run's per-request records with --records RUNS.jsonl.");
        }

        if (!fields.Has("workload_spec"))
        {
            throw new InputException($"{path}: has no workload_spec, so its requests cannot be drawn again; pass the run's per-request records with --records RUNS.jsonl, or measure again with this version of fulcrum bench.");
        }

        var spec = WorkloadSpecJson.Read(fields.Object("workload_spec").Json, path);
        var workload = spec.Generate();
        return new MeasuredWorkload(workload, spec, $"{workload.Description} (drawn again from workload_spec of {path})");
    }

    /// <summary>
    /// Reads the per-request records of the measured run: each sent request arrives at its scheduled time
    /// (<c>scheduled_s</c>) with the server's prompt token count (the client's when the server sent no usage). A
    /// succeeded request generates the output tokens it returned, any other the <c>max_tokens</c> it asked for. The
    /// client's concurrency cap comes from <paramref name="measured"/>. Throws <see cref="InputException"/> for an
    /// unreadable line, or when the record count contradicts the result's <c>sent_requests</c>.
    /// </summary>
    public static MeasuredWorkload FromRecords(string recordsPath, JsonObject measured, string measuredPath)
    {
        ArgumentNullException.ThrowIfNull(measured);
        string[] lines;
        try
        {
            lines = File.ReadAllLines(recordsPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new InputException($"--records {recordsPath}: cannot read it ({e.Message}); pass the JSONL file that fulcrum bench --records wrote for MEASURED's run.");
        }

        var records = lines.Where(l => !string.IsNullOrWhiteSpace(l)).ToList();
        var fields = new JsonFields(measured, measuredPath);
        if (fields.OptionalInteger("sent_requests") is { } sent && sent != records.Count)
        {
            throw new InputException($"--records {recordsPath} has {records.Count} records but {measuredPath} sent {sent} requests; pass the records of the same run.");
        }

        var requests = new List<(int Index, WorkloadRequest Request)>(records.Count);
        for (var i = 0; i < records.Count; i++)
        {
            if (ReadRecord(records[i], $"{recordsPath} record {i + 1}") is { } request)
            {
                requests.Add((i, request));
            }
        }

        if (requests.Count == 0)
        {
            throw new InputException($"--records {recordsPath}: no record was sent, so there is nothing to simulate; pass the records of a run that sent requests.");
        }

        var ordered = requests.OrderBy(r => r.Request.ArrivalSeconds).ThenBy(r => r.Index).Select(r => r.Request).ToList();
        var cap = fields.OptionalInteger("max_concurrency");
        var count = ordered.Count.ToString("N0", CultureInfo.InvariantCulture);
        var capText = cap is { } c ? $", at most {c} outstanding" : string.Empty;
        var description = $"{count} requests replayed from {recordsPath} at their scheduled times with their recorded token counts{capText}";
        return new MeasuredWorkload(new Workload(ordered, cap, description), null, description);
    }

    /// <summary>One record as a request; null for a request the run never sent.</summary>
    private static WorkloadRequest? ReadRecord(string line, string where)
    {
        JsonObject json;
        try
        {
            json = JsonNode.Parse(line) as JsonObject ?? throw new InputException($"{where}: not a JSON object; pass the JSONL file that fulcrum bench --records wrote.");
        }
        catch (JsonException e)
        {
            throw new InputException($"{where}: not valid JSON ({e.Message}); pass the JSONL file that fulcrum bench --records wrote.");
        }

        var fields = new JsonFields(json, where);
        var status = fields.Text("status");
        if (status == "pending")
        {
            return null;
        }

        var input = fields.OptionalInteger("input_tokens") ?? fields.OptionalInteger("expected_input_tokens")
            ?? throw new InputException($"{where}: neither input_tokens nor expected_input_tokens is set, so the prompt length is unknown.");
        var returned = status == "succeeded" ? fields.OptionalInteger("output_tokens") : null;
        var output = returned is > 0 ? returned.Value : fields.OptionalInteger("requested_output_tokens")
            ?? throw new InputException($"{where}: the request did not succeed and has no requested_output_tokens, so its output length is unknown.");
        if (input < 1 || output < 1)
        {
            throw new InputException($"{where}: {input} prompt and {output} output tokens; both must be at least 1.");
        }

        return new WorkloadRequest(fields.Number("scheduled_s"), input, output);
    }
}
