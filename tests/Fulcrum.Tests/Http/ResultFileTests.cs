using System.Diagnostics;
using System.Text.Json;
using Fulcrum.Http.Client;
using Fulcrum.Http.Results;

namespace Fulcrum.Tests.Http;

public class ResultFileTests
{
    [Fact]
    public void Jsonl_OneObjectPerRecordWithNulls()
    {
        var start = 1_000_000L;
        var f = Stopwatch.Frequency;
        var ok = new RequestRecord(0)
        {
            ScheduledTimestamp = start,
            SendTimestamp = start + (f / 100),
            FirstTokenTimestamp = start + (f / 10),
            EndTimestamp = start + (f / 2),
            TokenTimestamps = [start + (f / 10), start + (f / 2)],
            OutputTokens = 2,
            OutputTokenSource = TokenCountSource.Usage,
            InputTokens = 12,
            TextChunks = 2,
            HttpStatus = 200,
            Status = RequestStatus.Succeeded,
            Resent = true,
        };
        var failed = new RequestRecord(1) { ScheduledTimestamp = start, SendTimestamp = start };
        failed.Fail(ErrorKind.EmptyOutput, "no text", start + f);

        using var stream = new MemoryStream();
        RequestRecordJsonl.Write(stream, [ok, failed], start);
        var lines = System.Text.Encoding.UTF8.GetString(stream.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);

        using var first = JsonDocument.Parse(lines[0]);
        var r = first.RootElement;
        Assert.Equal("succeeded", r.GetProperty("status").GetString());
        Assert.Equal(0.01, r.GetProperty("sent_s").GetDouble(), 9);
        Assert.Equal(0.01, r.GetProperty("queued_s").GetDouble(), 9);
        Assert.Equal(0.1, r.GetProperty("first_token_s").GetDouble(), 9);
        Assert.Equal(0.5, r.GetProperty("end_s").GetDouble(), 9);
        Assert.Equal("usage", r.GetProperty("output_tokens_source").GetString());
        Assert.False(r.GetProperty("output_tokens_approximate").GetBoolean());
        Assert.Equal(JsonValueKind.Null, r.GetProperty("error_kind").ValueKind);
        Assert.Equal([0.1, 0.5], r.GetProperty("token_times_s").EnumerateArray().Select(e => e.GetDouble()));

        using var second = JsonDocument.Parse(lines[1]);
        var e = second.RootElement;
        Assert.Equal("empty_output", e.GetProperty("error_kind").GetString());
        Assert.Equal(JsonValueKind.Null, e.GetProperty("first_token_s").ValueKind);
        Assert.Equal(JsonValueKind.Null, e.GetProperty("output_tokens").ValueKind);
        Assert.Equal(JsonValueKind.Null, e.GetProperty("http_status").ValueKind);
        Assert.True(r.GetProperty("resent").GetBoolean());
        Assert.False(e.GetProperty("resent").GetBoolean());
    }

    [Fact]
    public void Jsonl_ThroughAtomicWriter_ReplacesWholeFile()
    {
        var folder = Directory.CreateTempSubdirectory("fulcrum-jsonl-").FullName;
        var path = Path.Combine(folder, "requests.jsonl");
        try
        {
            File.WriteAllText(path, "old\n");
            var record = new RequestRecord(3) { ScheduledTimestamp = 10, SendTimestamp = 10 };
            record.Fail(ErrorKind.Timeout, "no complete response", 20);
            Fulcrum.Reports.Files.AtomicFile.Write(path, s => RequestRecordJsonl.Write(s, [record], 10));
            var line = Assert.Single(File.ReadAllLines(path));
            Assert.Contains("\"error_kind\":\"timeout\"", line, StringComparison.Ordinal);
            Assert.Equal([path], Directory.GetFiles(folder));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
