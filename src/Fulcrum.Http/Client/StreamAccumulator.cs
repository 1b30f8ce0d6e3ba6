using System.Text;
using System.Text.Json;
using Fulcrum.Http.OpenAi;
using Fulcrum.Http.Sse;
using Microsoft.ML.Tokenizers;

namespace Fulcrum.Http.Client;

/// <summary>
/// Collects what one response stream delivers: arrival time and token weight of each chunk with text,
/// the last usage seen, and the first error. <see cref="Now"/> is set before each read is parsed, so all
/// chunks of one read share the time the client saw them.
/// </summary>
internal sealed class StreamAccumulator : ISseEventSink
{
    private readonly Tokenizer? _tokenizer;
    /// <summary>Most chunks the arrays are first sized for; a longer stream grows them.</summary>
    private const int MaxInitialChunks = 4096;

    private long[] _chunkTimes;
    private int[] _chunkWeights;
    private int? _lastCumulativeTokens;
    private bool _weightsGuessed;

    /// <param name="expectedChunks">Chunks the stream is likely to carry (max_tokens plus one), which sizes the arrays once.</param>
    public StreamAccumulator(Tokenizer? tokenizer, int? expectedChunks = null)
    {
        _tokenizer = tokenizer;
        var capacity = Math.Clamp(expectedChunks ?? 64, 1, MaxInitialChunks);
        _chunkTimes = new long[capacity];
        _chunkWeights = new int[capacity];
    }

    public long Now { get; set; }

    public int ChunkCount { get; private set; }

    public bool Done { get; private set; }

    public ErrorKind? Error { get; private set; }

    public string? ErrorMessage { get; private set; }

    public int? PromptTokens { get; private set; }

    public int? CompletionTokens { get; private set; }

    /// <summary>Sum of per-chunk token weights: exact with continuous usage, else tokenizer counts or one per chunk.</summary>
    public int WeightSum { get; private set; }

    public bool OnEvent(SseEvent sseEvent)
    {
        if (sseEvent.IsDone)
        {
            Done = true;
            return false;
        }

        if (sseEvent.IsErrorField)
        {
            var message = StreamChunkReader.ReadErrorBody(sseEvent.Data) ?? Encoding.UTF8.GetString(sseEvent.Data);
            return Stop(ErrorKind.ErrorEvent, "error event in the stream: " + message);
        }

        StreamChunk chunk;
        try
        {
            chunk = StreamChunkReader.Read(sseEvent.Data, captureText: _tokenizer is not null);
        }
        catch (JsonException e)
        {
            return Stop(ErrorKind.MalformedStream, $"chunk {ChunkCount + 1} is not a JSON object ({e.Message}): {Preview(sseEvent.Data)}");
        }

        if (chunk.IsError)
        {
            return Stop(ErrorKind.ErrorEvent, "error event in the stream: " + chunk.ErrorMessage);
        }

        int? tokensInChunk = null;
        if (chunk.HasUsage)
        {
            PromptTokens = chunk.PromptTokens ?? PromptTokens;
            if (chunk.CompletionTokens is { } cumulative)
            {
                tokensInChunk = Math.Max(0, cumulative - (_lastCumulativeTokens ?? 0));
                _lastCumulativeTokens = cumulative;
                CompletionTokens = cumulative;
            }
        }

        if (chunk.HasText)
        {
            AddChunk(WeightOf(chunk, tokensInChunk));
        }

        return true;
    }

    /// <summary>Records a failure found outside the event stream (transport, status, timeout).</summary>
    public void SetError(ErrorKind kind, string message)
    {
        Error ??= kind;
        ErrorMessage ??= message;
    }

    /// <summary>Fills the record's outputs from what was collected.</summary>
    public void Complete(RequestRecord record)
    {
        record.TextChunks = ChunkCount;
        record.InputTokens = PromptTokens;
        if (ChunkCount == 0)
        {
            return;
        }

        record.FirstTokenTimestamp = _chunkTimes[0];
        int total;
        if (CompletionTokens is { } fromUsage)
        {
            total = fromUsage;
            record.OutputTokenSource = TokenCountSource.Usage;
        }
        else
        {
            total = WeightSum;
            record.OutputTokenSource = _tokenizer is not null ? TokenCountSource.Tokenizer : TokenCountSource.Chunks;
        }

        var counts = new int[ChunkCount];
        var guessed = _weightsGuessed && _tokenizer is null;
        record.TokenTimestamps = TokenTimes.Spread(_chunkTimes.AsSpan(0, ChunkCount), _chunkWeights.AsSpan(0, ChunkCount), total, counts, firstChunkOneToken: guessed);
        record.OutputTokens = total;
        record.MultiTokenChunks = counts.AsSpan().ContainsAnyExceptInRange(0, 1);
    }

    private int WeightOf(StreamChunk chunk, int? tokensFromUsage)
    {
        if (tokensFromUsage is { } exact)
        {
            return exact;
        }

        _weightsGuessed = true;
        return _tokenizer is not null && chunk.Text is { } text ? _tokenizer.CountTokens(text) : 1;
    }

    private void AddChunk(int weight)
    {
        if (ChunkCount == _chunkTimes.Length)
        {
            Array.Resize(ref _chunkTimes, ChunkCount * 2);
            Array.Resize(ref _chunkWeights, ChunkCount * 2);
        }

        _chunkTimes[ChunkCount] = Now;
        _chunkWeights[ChunkCount] = weight;
        ChunkCount++;
        WeightSum += weight;
    }

    private bool Stop(ErrorKind kind, string message)
    {
        SetError(kind, message);
        return false;
    }

    private static string Preview(ReadOnlySpan<byte> data)
    {
        const int Limit = 200;
        var text = Encoding.UTF8.GetString(data[..Math.Min(data.Length, Limit)]);
        return data.Length > Limit ? text + "…" : text;
    }
}
