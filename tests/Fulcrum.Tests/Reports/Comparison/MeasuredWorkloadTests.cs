using System.Text.Json.Nodes;
using Fulcrum.Errors;
using Fulcrum.Reports.Comparison;
using Fulcrum.Workloads;

namespace Fulcrum.Tests.Reports.Comparison;

/// <summary>The measured run's requests rebuilt from per-request records.</summary>
public sealed class MeasuredWorkloadTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("fulcrum-records-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void Records_BecomeRequestsInScheduleOrder()
    {
        var records = Write(
            """{"index": 0, "status": "succeeded", "scheduled_s": 0.5, "input_tokens": 100, "expected_input_tokens": 98, "requested_output_tokens": 20, "output_tokens": 17}""",
            """{"index": 1, "status": "failed", "scheduled_s": 0.25, "input_tokens": null, "expected_input_tokens": 64, "requested_output_tokens": 8, "output_tokens": 3}""",
            """{"index": 2, "status": "pending", "scheduled_s": 0.75, "input_tokens": null, "expected_input_tokens": 64, "requested_output_tokens": 8, "output_tokens": null}""",
            "");
        var measured = JsonNode.Parse("""{"max_concurrency": 2, "sent_requests": 3}""")!.AsObject();

        var workload = MeasuredWorkload.FromRecords(records, measured, "m.json");

        // The pending record was never sent. The failed one (scheduled at 0.25 s) keeps the client's prompt count and
        // its max_tokens. The succeeded one keeps the server's prompt count and the 17 tokens it returned.
        Assert.Equal([new WorkloadRequest(0.25, 64, 8), new WorkloadRequest(0.5, 100, 17)], workload.Workload.Requests);
        Assert.Equal(2, workload.Workload.MaxConcurrency);
        Assert.Null(workload.Spec);
        Assert.Contains("2 requests replayed from", workload.Source, StringComparison.Ordinal);
    }

    [Fact]
    public void Records_CountMustMatchSentRequests()
    {
        var records = Write("""{"status": "succeeded", "scheduled_s": 0, "input_tokens": 10, "requested_output_tokens": 2, "output_tokens": 2}""");
        var measured = JsonNode.Parse("""{"sent_requests": 5}""")!.AsObject();
        var error = Assert.Throws<InputException>(() => MeasuredWorkload.FromRecords(records, measured, "m.json"));
        Assert.Contains("has 1 records but m.json sent 5 requests", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Records_WithoutPromptLengthAreRejected()
    {
        var records = Write("""{"status": "failed", "scheduled_s": 0, "input_tokens": null, "expected_input_tokens": null, "requested_output_tokens": 2}""");
        var error = Assert.Throws<InputException>(() => MeasuredWorkload.FromRecords(records, new JsonObject(), "m.json"));
        Assert.Contains("record 1", error.Message, StringComparison.Ordinal);
        Assert.Contains("prompt length is unknown", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Records_NotJsonAreRejected()
    {
        var records = Write("{not json");
        var error = Assert.Throws<InputException>(() => MeasuredWorkload.FromRecords(records, new JsonObject(), "m.json"));
        Assert.Contains("not valid JSON", error.Message, StringComparison.Ordinal);
    }

    private string Write(params string[] lines)
    {
        var path = Path.Combine(folder, "runs.jsonl");
        File.WriteAllLines(path, lines);
        return path;
    }
}
