using System.Text;
using System.Text.Json;
using Fulcrum.Http.OpenAi;

namespace Fulcrum.Tests.Http;

public class StreamChunkReaderTests
{
    private static StreamChunk Read(string json, bool text = true) => StreamChunkReader.Read(Encoding.UTF8.GetBytes(json), text);

    [Fact]
    public void ChatContent_IsText()
    {
        var chunk = Read("""{"id":"x","choices":[{"index":0,"delta":{"content":"Hello"},"finish_reason":null}]}""");
        Assert.Equal(5, chunk.TextBytes);
        Assert.Equal("Hello", chunk.Text);
        Assert.Equal(1, chunk.ChoiceCount);
        Assert.False(chunk.HasUsage);
    }

    [Theory]
    [InlineData("reasoning_content")]
    [InlineData("reasoning")]
    public void ReasoningDeltas_AreText(string field)
    {
        var chunk = Read("{\"choices\":[{\"delta\":{\"content\":null,\"" + field + "\":\"think\"}}]}");
        Assert.Equal("think", chunk.Text);
        Assert.True(chunk.HasText);
    }

    [Fact]
    public void CompletionText_IsText()
    {
        Assert.Equal(" Paris", Read("""{"object":"text_completion","choices":[{"index":0,"text":" Paris","logprobs":null}]}""").Text);
    }

    [Fact]
    public void RoleOnlyAndEmptyContent_AreNotText()
    {
        Assert.False(Read("""{"choices":[{"delta":{"role":"assistant","content":""}}]}""").HasText);
        Assert.False(Read("""{"choices":[{"delta":{"role":"assistant","content":null}}]}""").HasText);
        Assert.False(Read("""{"choices":[{"finish_reason":"stop","index":0,"delta":{}}]}""").HasText);
    }

    [Fact]
    public void UsageOnlyChunk_ReadsCounts()
    {
        var chunk = Read("""{"id":"x","choices":[],"usage":{"prompt_tokens":42,"total_tokens":50,"completion_tokens":8}}""");
        Assert.Equal(0, chunk.ChoiceCount);
        Assert.True(chunk.HasUsage);
        Assert.Equal(42, chunk.PromptTokens);
        Assert.Equal(8, chunk.CompletionTokens);
    }

    [Fact]
    public void NullUsage_IsNoUsage()
    {
        var chunk = Read("""{"choices":[{"delta":{"content":"a"}}],"usage":null}""");
        Assert.False(chunk.HasUsage);
        Assert.Null(chunk.CompletionTokens);
    }

    [Theory]
    [InlineData("""{"error": {"object": "error", "message": "Engine loop has died", "type": "InternalServerError", "param": null, "code": 500}}""", "Engine loop has died")]
    [InlineData("""{"error":{"message":"CUDA out of memory","http_status_code":422}}""", "CUDA out of memory")]
    [InlineData("""{"error":"plain string"}""", "plain string")]
    public void ErrorObjects_AreErrors(string json, string message)
    {
        var chunk = Read(json);
        Assert.True(chunk.IsError);
        Assert.Equal(message, chunk.ErrorMessage);
    }

    [Fact]
    public void TextCapture_Off_AllocatesNoText()
    {
        var chunk = Read("""{"choices":[{"delta":{"content":"abc"}}]}""", text: false);
        Assert.Null(chunk.Text);
        Assert.Equal(3, chunk.TextBytes);
    }

    [Fact]
    public void SeveralTextFields_Concatenate()
    {
        Assert.Equal("ab", Read("""{"choices":[{"delta":{"reasoning":"a","content":"b"}}]}""").Text);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[1,2]")]
    [InlineData("""{"choices":[{"delta":{"content":"a"}""")]
    [InlineData("""{"choices":"x"}""")]
    public void Malformed_Throws(string json)
    {
        Assert.ThrowsAny<JsonException>(() => Read(json));
    }

    [Theory]
    [InlineData("""{"error":{"message":"The model `x` does not exist.","type":"NotFoundError","code":404}}""", "The model `x` does not exist.")]
    [InlineData("""{"object":"error","message":"old vLLM body","type":"BadRequestError","code":400}""", "old vLLM body")]
    [InlineData("""{"error":"Input validation error","error_type":"validation"}""", "Input validation error")]
    [InlineData("""{"code":500,"message":"KV cache is full","type":"server_error"}""", "KV cache is full")]
    [InlineData("""{"detail":"Not Found"}""", "Not Found")]
    [InlineData("<html>", null)]
    public void ErrorBody_Message(string body, string? message)
    {
        Assert.Equal(message, StreamChunkReader.ReadErrorBody(Encoding.UTF8.GetBytes(body)));
    }
}
