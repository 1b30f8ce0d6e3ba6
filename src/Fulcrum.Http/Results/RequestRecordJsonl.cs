using System.Diagnostics;
using System.Text.Json;
using Fulcrum.Http.Client;

namespace Fulcrum.Http.Results;

/// <summary>
/// Writes one JSON object per request, one per line: the raw measured times in seconds from the run's
/// start and the counts and flags behind them. Derived metrics (TTFT, TPOT, ITL) are left to the
/// shared metrics module so measured and simulated runs use one definition. Missing values are null.
/// Write the file through <see cref="Fulcrum.Reports.Files.AtomicFile.Write"/> so a stopped run never
/// leaves half a file.
/// </summary>
public static class RequestRecordJsonl
{
    /// <summary>Writes <paramref name="records"/> to <paramref name="stream"/>, times relative to <paramref name="runStartTimestamp"/>.</summary>
    public static void Write(Stream stream, IEnumerable<RequestRecord> records, long runStartTimestamp)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(records);
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = false, SkipValidation = true });
        foreach (var record in records)
        {
            WriteRecord(json, record, runStartTimestamp);
            json.Flush();
            stream.WriteByte((byte)'\n');
            json.Reset(stream);
        }
    }

    private static void WriteRecord(Utf8JsonWriter json, RequestRecord record, long start)
    {
        json.WriteStartObject();
        json.WriteNumber("index", record.Index);
        WriteNullable(json, "request_id", record.RequestId);
        json.WriteString("status", Snake(record.Status.ToString()));
        WriteNullable(json, "error_kind", record.Error is { } kind ? Snake(kind.ToString()) : null);
        WriteNullable(json, "error_message", record.ErrorMessage);
        WriteNullable(json, "http_status", record.HttpStatus);
        json.WriteBoolean("resent", record.Resent);
        json.WriteNumber("scheduled_s", Seconds(start, record.ScheduledTimestamp));
        json.WriteNumber("sent_s", Seconds(start, record.SendTimestamp));
        json.WriteNumber("queued_s", record.QueuedSeconds);
        WriteNullable(json, "first_token_s", record.FirstTokenTimestamp is { } first ? Seconds(start, first) : null);
        WriteNullable(json, "end_s", record.EndTimestamp == 0 ? null : Seconds(start, record.EndTimestamp));
        WriteNullable(json, "input_tokens", record.InputTokens);
        WriteNullable(json, "expected_input_tokens", record.ExpectedInputTokens);
        WriteNullable(json, "requested_output_tokens", record.RequestedOutputTokens);
        WriteNullable(json, "output_tokens", record.OutputTokens);
        json.WriteString("output_tokens_source", Snake(record.OutputTokenSource.ToString()));
        json.WriteBoolean("output_tokens_approximate", record.OutputTokensApproximate);
        json.WriteNumber("text_chunks", record.TextChunks);
        json.WriteBoolean("multi_token_chunks", record.MultiTokenChunks);
        json.WriteStartArray("token_times_s");
        foreach (var t in record.TokenTimestamps)
        {
            json.WriteNumberValue(Math.Round(Seconds(start, t), 7));
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static double Seconds(long start, long at) => Stopwatch.GetElapsedTime(start, at).TotalSeconds;

    private static string Snake(string pascal) => JsonNamingPolicy.SnakeCaseLower.ConvertName(pascal);

    private static void WriteNullable(Utf8JsonWriter json, string name, string? value)
    {
        if (value is null)
        {
            json.WriteNull(name);
        }
        else
        {
            json.WriteString(name, value);
        }
    }

    private static void WriteNullable(Utf8JsonWriter json, string name, double? value)
    {
        if (value is { } v)
        {
            json.WriteNumber(name, v);
        }
        else
        {
            json.WriteNull(name);
        }
    }

    private static void WriteNullable(Utf8JsonWriter json, string name, int? value)
    {
        if (value is { } v)
        {
            json.WriteNumber(name, v);
        }
        else
        {
            json.WriteNull(name);
        }
    }
}
