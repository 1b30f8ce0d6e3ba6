using System.Text;
using Fulcrum.Http.OpenAi;

namespace Fulcrum.Tests.Http;

public class RequestBodyWriterTests
{
    [Fact]
    public void Completions_StreamWithUsage()
    {
        var body = RequestBodyWriter.ToArray(new RequestSettings(EndpointKind.Completions, "m"), " hi", 16);
        Assert.Equal("""{"model":"m","prompt":" hi","max_tokens":16,"stream":true,"stream_options":{"include_usage":true}}""", Encoding.UTF8.GetString(body));
    }

    [Fact]
    public void Chat_OneUserMessageAndLengthFields()
    {
        var settings = new RequestSettings(EndpointKind.Chat, "llama", OutputLengthControl.IgnoreEos | OutputLengthControl.MinTokens, ContinuousUsageStats: true);
        var body = Encoding.UTF8.GetString(RequestBodyWriter.ToArray(settings, "say \"x\"", 8));
        Assert.Equal(
            """{"model":"llama","messages":[{"role":"user","content":"say \"x\""}],"max_tokens":8,"min_tokens":8,"ignore_eos":true,"stream":true,"stream_options":{"include_usage":true,"continuous_usage_stats":true}}""",
            body);
    }

    [Fact]
    public void NoMaxTokens_OmitsLengthFields()
    {
        var settings = new RequestSettings(EndpointKind.Completions, "m", OutputLengthControl.MinTokens);
        var body = Encoding.UTF8.GetString(RequestBodyWriter.ToArray(settings, "p", null));
        Assert.DoesNotContain("max_tokens", body, StringComparison.Ordinal);
        Assert.DoesNotContain("min_tokens", body, StringComparison.Ordinal);
    }

    [Fact]
    public void Paths_PerEndpoint()
    {
        Assert.Equal("v1/completions", new RequestSettings(EndpointKind.Completions, "m").Path);
        Assert.Equal("v1/chat/completions", new RequestSettings(EndpointKind.Chat, "m").Path);
    }
}
