using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Fulcrum.Reports.Files;

namespace Fulcrum.Http.Serving;

/// <summary>
/// The server's own record of when each token left it (<c>serve-sim --token-times</c>): per request and token, the
/// <see cref="Stopwatch"/> timestamps just before and just after the flush of the chunk that carried it.
/// A client on the same machine that reads the same monotonic clock (CLOCK_MONOTONIC on Linux) can subtract
/// these from its receive times to bound the delay it adds. Kept in memory, 16 bytes per token, and written
/// as JSON lines when the server stops.
/// </summary>
public sealed class TokenTimesLog
{
    private readonly ConcurrentQueue<Entry> entries = new();

    /// <summary>
    /// Records one finished response under the request id the client sent or the server gave: per token, the time
    /// just before the flush that carried it and the time that flush returned.
    /// </summary>
    /// <remarks>A flush that failed (the client hung up) has a start but no end; its tokens are left out.</remarks>
    public void Add(string requestId, IReadOnlyList<long> flushStarts, IReadOnlyList<long> flushEnds)
    {
        ArgumentNullException.ThrowIfNull(flushStarts);
        ArgumentNullException.ThrowIfNull(flushEnds);
        var tokens = Math.Min(flushStarts.Count, flushEnds.Count);
        entries.Enqueue(new Entry(requestId, flushStarts.Take(tokens).ToArray(), flushEnds.Take(tokens).ToArray()));
    }

    /// <summary>Responses recorded so far.</summary>
    public int Count => entries.Count;

    /// <summary>
    /// Writes one object per response, <c>{"request_id": "...", "token_times_ns": [...], "flushed_ns": [...]}</c>,
    /// the times in nanoseconds of the monotonic clock; written atomically so a reader never sees half a file.
    /// </summary>
    public void WriteTo(string path) => AtomicFile.Write(path, stream =>
    {
        using var json = new Utf8JsonWriter(stream);
        foreach (var entry in entries)
        {
            json.WriteStartObject();
            json.WriteString("request_id", entry.RequestId);
            json.WriteStartArray("token_times_ns");
            foreach (var t in entry.FlushStarts)
            {
                json.WriteNumberValue(ToNanoseconds(t));
            }

            json.WriteEndArray();
            json.WriteStartArray("flushed_ns");
            foreach (var t in entry.FlushEnds)
            {
                json.WriteNumberValue(ToNanoseconds(t));
            }

            json.WriteEndArray();
            json.WriteEndObject();
            json.Flush();
            stream.WriteByte((byte)'\n');
            json.Reset(stream);
        }
    });

    /// <summary>A <see cref="Stopwatch"/> timestamp in nanoseconds of the same clock.</summary>
    public static long ToNanoseconds(long timestamp) =>
        Stopwatch.Frequency == 1_000_000_000 ? timestamp : (long)(timestamp * (1e9 / Stopwatch.Frequency));

    private sealed record Entry(string RequestId, long[] FlushStarts, long[] FlushEnds);
}
