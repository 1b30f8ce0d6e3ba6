using Fulcrum.Http.Client;
using Fulcrum.Http.OpenAi;

namespace Fulcrum.Tests.Http;

/// <summary>
/// Replays byte-exact server transcripts (TestData/streams, sources in its README) through the client.
/// Read i arrives at (i + 1) × T on a fake clock, so every expected time below is a multiple of T.
/// </summary>
public class FixtureReplayTests
{
    private const long T = 1000;

    private static byte[] Fixture(string name) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "TestData", "streams", name));

    private static async Task<(RequestRecord Record, ReplayHandler Handler)> ReplayAsync(string name, List<(byte[], long)> reads, EndpointKind endpoint = EndpointKind.Chat)
    {
        var clock = new FakeClock();
        var handler = new ReplayHandler(reads, clock);
        using var client = new StreamingClient(handler, new Uri("http://127.0.0.1:8000"), new RequestSettings(endpoint, "m"), new ClientOptions()) { Clock = clock.Read };
        var record = new RequestRecord(0);
        await client.SendAsync(record, " hello", 16, CancellationToken.None);
        return (record, handler);
    }

    private static Task<(RequestRecord Record, ReplayHandler Handler)> PerEventAsync(string name, EndpointKind endpoint = EndpointKind.Chat) =>
        ReplayAsync(name, ReplayHandler.PerEvent(Fixture(name), T), endpoint);

    [Fact]
    public async Task Vllm_ChatWithUsageOnlyChunk()
    {
        var (record, handler) = await PerEventAsync("vllm-chat.sse");
        Assert.Equal(RequestStatus.Succeeded, record.Status);
        Assert.Equal(0, record.SendTimestamp);

        // Read 0 is the role chunk with empty content: not a token. Text arrives in reads 1..7.
        Assert.Equal(2 * T, record.FirstTokenTimestamp);
        Assert.Equal(7, record.TextChunks);

        // Usage says 8 (the end-of-sequence token has no text): the extra token shares the last gap.
        Assert.Equal(8, record.OutputTokens);
        Assert.Equal(TokenCountSource.Usage, record.OutputTokenSource);
        Assert.Equal(42, record.InputTokens);
        Assert.Equal([2 * T, 3 * T, 4 * T, 5 * T, 6 * T, 7 * T, 7 * T + (T / 2), 8 * T], record.TokenTimestamps);
        Assert.True(record.MultiTokenChunks);

        // [DONE] is read 10.
        Assert.Equal(11 * T, record.EndTimestamp);
        Assert.Contains("\"include_usage\":true", handler.LastRequestBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Vllm_ErrorEventAfterTokens_Fails()
    {
        var (record, _) = await PerEventAsync("vllm-completions-error.sse", EndpointKind.Completions);
        Assert.Equal(RequestStatus.Failed, record.Status);
        Assert.Equal(ErrorKind.ErrorEvent, record.Error);
        Assert.Contains("Engine loop has died", record.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(3, record.TextChunks);
        Assert.Equal(4 * T, record.EndTimestamp);
    }

    [Fact]
    public async Task Sglang_MultiTokenChunksSpreadOverGaps()
    {
        var (record, _) = await PerEventAsync("sglang-chat.sse");
        Assert.Equal(RequestStatus.Succeeded, record.Status);
        Assert.Equal(4, record.TextChunks);
        Assert.Equal(10, record.OutputTokens);
        Assert.Equal(30, record.InputTokens);
        Assert.True(record.MultiTokenChunks);

        // One token for the prefill chunk at 2T, then 3 per chunk, each spread over the gap before it.
        long[] expected =
        [
            2 * T,
            2 * T + (T / 3), 2 * T + (2 * T / 3), 3 * T,
            3 * T + (T / 3), 3 * T + (2 * T / 3), 4 * T,
            4 * T + (T / 3), 4 * T + (2 * T / 3), 5 * T,
        ];
        Assert.Equal(expected, record.TokenTimestamps);
    }

    [Fact]
    public async Task LlamaCpp_ReasoningAndUsageInFinishChunk()
    {
        var (record, _) = await PerEventAsync("llamacpp-chat.sse");
        Assert.Equal(RequestStatus.Succeeded, record.Status);

        // Read 0 has content null; reads 1-2 are reasoning_content and count as generated text.
        Assert.Equal(2 * T, record.FirstTokenTimestamp);
        Assert.Equal(9, record.TextChunks);
        Assert.Equal(9, record.OutputTokens);
        Assert.Equal(68, record.InputTokens);
        Assert.False(record.MultiTokenChunks);
        Assert.Equal(Enumerable.Range(2, 9).Select(i => i * T), record.TokenTimestamps);
    }

    [Fact]
    public async Task LlamaCpp_ErrorField_Fails()
    {
        var (record, _) = await PerEventAsync("llamacpp-error.sse");
        Assert.Equal(ErrorKind.ErrorEvent, record.Error);
        Assert.Contains("KV cache is full", record.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(2, record.TextChunks);
    }

    [Fact]
    public async Task Tgi_NoSpaceAfterDataAndKeepAlive()
    {
        var (record, _) = await PerEventAsync("tgi-chat.sse");
        Assert.Equal(RequestStatus.Succeeded, record.Status);
        Assert.Equal(6, record.OutputTokens);
        Assert.Equal(17, record.InputTokens);

        // Read 3 is the keep-alive comment.
        Assert.Equal([T, 2 * T, 3 * T, 5 * T, 6 * T, 7 * T], record.TokenTimestamps);
    }

    [Fact]
    public async Task Tgi_ErrorEvent_Fails()
    {
        var (record, _) = await PerEventAsync("tgi-error.sse");
        Assert.Equal(ErrorKind.ErrorEvent, record.Error);
        Assert.Contains("CUDA out of memory", record.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tgi21_NoUsage_CountsChunksApproximately()
    {
        var (record, _) = await PerEventAsync("tgi-2.1-chat-no-usage.sse");
        Assert.Equal(RequestStatus.Succeeded, record.Status);
        Assert.Equal(4, record.OutputTokens);
        Assert.Equal(TokenCountSource.Chunks, record.OutputTokenSource);
        Assert.True(record.OutputTokensApproximate);
        Assert.Null(record.InputTokens);
    }

    [Fact]
    public async Task Ollama_ReasoningFieldAndUsageChunk()
    {
        var (record, _) = await PerEventAsync("ollama-chat.sse");
        Assert.Equal(RequestStatus.Succeeded, record.Status);
        Assert.Equal(5, record.TextChunks);
        Assert.Equal(7, record.OutputTokens);
        Assert.Equal(11, record.InputTokens);

        // 7 tokens over 5 chunks: 1 for the first, 6 over the other 4 as 1, 1, 2, 2.
        Assert.Equal([T, 2 * T, 3 * T, 3 * T + (T / 2), 4 * T, 4 * T + (T / 2), 5 * T], record.TokenTimestamps);
    }

    [Fact]
    public async Task LlamaCppPython_CrlfAndPing()
    {
        var (record, _) = await PerEventAsync("llamacpp-python-completions-crlf.sse", EndpointKind.Completions);
        Assert.Equal(RequestStatus.Succeeded, record.Status);
        Assert.Equal(3, record.OutputTokens);
        Assert.Equal([2 * T, 3 * T, 4 * T], record.TokenTimestamps);
        Assert.Equal(5 * T, record.EndTimestamp);
    }

    public static TheoryData<string> Fixtures() => new(Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "TestData", "streams"), "*.sse").Select(Path.GetFileName)!);

    [Theory]
    [MemberData(nameof(Fixtures))]
    public async Task AwkwardSplits_SameOutcomeAndCounts(string name)
    {
        var (expected, _) = await PerEventAsync(name);
        foreach (var size in new[] { 1, 2, 3, 7, 64, 1000 })
        {
            var (record, _) = await ReplayAsync(name, ReplayHandler.Fixed(Fixture(name), size));
            Assert.Equal(expected.Status, record.Status);
            Assert.Equal(expected.Error, record.Error);
            Assert.Equal(expected.TextChunks, record.TextChunks);
            Assert.Equal(expected.OutputTokens, record.OutputTokens);
            Assert.Equal(expected.InputTokens, record.InputTokens);
            Assert.Equal(expected.TokenTimestamps.Count, record.TokenTimestamps.Count);
        }
    }
}
