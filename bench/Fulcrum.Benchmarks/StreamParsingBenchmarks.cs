using System.Text;
using BenchmarkDotNet.Attributes;
using Fulcrum.Http.Client;
using Fulcrum.Http.Sse;

namespace Fulcrum.Benchmarks;

/// <summary>
/// Client-side CPU cost of one streamed response: SSE parsing, chunk JSON reading and per-token timing
/// of a 2,000-token vLLM-style chat stream, fed in 16 KiB reads as the socket delivers it under load.
/// No network: this bounds how many streamed tokens per second one core can absorb.
/// </summary>
[MemoryDiagnoser]
public class StreamParsingBenchmarks
{
    private const int Tokens = 2000;
    private const int ReadBytes = 16 * 1024;
    private byte[] stream = [];

    [GlobalSetup]
    public void Setup()
    {
        var builder = new StringBuilder();
        const string Head = "{\"id\":\"chatcmpl-676868cf5642438498ae02f7b08ea692\",\"object\":\"chat.completion.chunk\",\"created\":1740386451,\"model\":\"meta-llama/Llama-3.1-70B-Instruct\",";
        for (var i = 0; i < Tokens; i++)
        {
            builder.Append("data: ").Append(Head).Append("\"choices\":[{\"index\":0,\"delta\":{\"content\":\" word").Append(i % 100).Append("\"},\"logprobs\":null,\"finish_reason\":null}]}\n\n");
        }

        builder.Append("data: ").Append(Head).Append("\"choices\":[],\"usage\":{\"prompt_tokens\":1024,\"total_tokens\":3024,\"completion_tokens\":2000}}\n\n");
        builder.Append("data: [DONE]\n\n");
        stream = Encoding.UTF8.GetBytes(builder.ToString());
    }

    /// <summary>Parses one whole response and builds its record; returns the output tokens.</summary>
    [Benchmark(OperationsPerInvoke = Tokens)]
    public int ParseStreamPerToken()
    {
        using var parser = new SseParser();
        var accumulator = new StreamAccumulator(tokenizer: null);
        var now = 0L;
        for (var offset = 0; offset < stream.Length; offset += ReadBytes)
        {
            accumulator.Now = ++now;
            parser.Feed(stream.AsSpan(offset, Math.Min(ReadBytes, stream.Length - offset)), ref accumulator);
        }

        var record = new RequestRecord(0);
        accumulator.Complete(record);
        return record.OutputTokens ?? 0;
    }
}
