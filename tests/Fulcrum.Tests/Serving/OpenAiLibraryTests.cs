using System.ClientModel;
using System.ClientModel.Primitives;
using System.Net.ServerSentEvents;
using System.Text;
using System.Text.Json;
using OpenAI;
using OpenAI.Chat;

namespace Fulcrum.Tests.Serving;

/// <summary>The official OpenAI .NET library (a client written elsewhere) streams from serve-sim as it would from an OpenAI-compatible server.</summary>
[Collection(LoopbackTimingGroup.Name)]
public class OpenAiLibraryTests
{
    private static OpenAIClientOptions Options(Fulcrum.Http.Serving.SimServer server) => new() { Endpoint = new Uri(server.Address, "v1") };

    [Fact]
    public async Task OpenAiChat_StreamsCompletion()
    {
        await using var handle = await TwinServer.StartAsync();
        var chat = new ChatClient(TwinServer.Model, new ApiKeyCredential("unused"), Options(handle));
        var options = new ChatCompletionOptions { MaxOutputTokenCount = 5 };
        var text = new StringBuilder();
        ChatTokenUsage? usage = null;
        ChatFinishReason? finish = null;
        await foreach (var update in chat.CompleteChatStreamingAsync([new UserChatMessage("the of and to in")], options))
        {
            foreach (var part in update.ContentUpdate)
            {
                text.Append(part.Text);
            }

            usage ??= update.Usage;
            finish ??= update.FinishReason;
        }

        // Filler is one-token words: five tokens are five words.
        Assert.Equal(5, text.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Equal(ChatFinishReason.Length, finish);
        Assert.NotNull(usage);
        Assert.Equal(5, usage.InputTokenCount);
        Assert.Equal(5, usage.OutputTokenCount);
    }

    [Fact]
    public async Task OpenAiChat_CompletesWithoutStreaming()
    {
        await using var handle = await TwinServer.StartAsync();
        var chat = new ChatClient(TwinServer.Model, new ApiKeyCredential("unused"), Options(handle));
        ChatCompletion completion = await chat.CompleteChatAsync([new UserChatMessage("the of")], new ChatCompletionOptions { MaxOutputTokenCount = 3 });
        Assert.Equal(3, completion.Usage.OutputTokenCount);
        Assert.Equal(3, completion.Content[0].Text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public async Task OpenAiPipeline_StreamsLegacyCompletion()
    {
        // OpenAI 2.15.0 keeps its /v1/completions client internal, so the request goes through the library's
        // public pipeline (transport, auth, error handling) and the stream is read with .NET's SSE parser.
        await using var handle = await TwinServer.StartAsync();
        var client = new OpenAIClient(new ApiKeyCredential("unused"), Options(handle));
        using var message = client.Pipeline.CreateMessage();
        message.Request.Method = "POST";
        message.Request.Uri = new Uri(handle.Address, "v1/completions");
        message.Request.Headers.Set("Content-Type", "application/json");
        message.Request.Content = BinaryContent.Create(BinaryData.FromString(
            $$$"""{"model":"{{{TwinServer.Model}}}","prompt":"the of and","max_tokens":4,"stream":true,"stream_options":{"include_usage":true}}"""));
        message.BufferResponse = false;
        await client.Pipeline.SendAsync(message);
        Assert.Equal(200, message.Response!.Status);
        var stream = message.Response.ContentStream!;
        var texts = new List<string>();
        var completionTokens = 0;
        await foreach (var item in SseParser.Create(stream).EnumerateAsync())
        {
            if (item.Data == "[DONE]")
            {
                break;
            }

            using var chunk = JsonDocument.Parse(item.Data);
            foreach (var choice in chunk.RootElement.GetProperty("choices").EnumerateArray())
            {
                texts.Add(choice.GetProperty("text").GetString()!);
            }

            if (chunk.RootElement.TryGetProperty("usage", out var usage))
            {
                completionTokens = usage.GetProperty("completion_tokens").GetInt32();
            }
        }

        Assert.Equal(4, texts.Count);
        Assert.Equal(4, completionTokens);
    }
}
