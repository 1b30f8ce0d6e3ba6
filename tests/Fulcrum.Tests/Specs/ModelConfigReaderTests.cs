using Fulcrum.Errors;
using Fulcrum.Specs.Models;

namespace Fulcrum.Tests.Specs;

public class ModelConfigReaderTests
{
    private const string Minimal = """
        {"architectures": ["MistralForCausalLM"], "hidden_size": 4096, "intermediate_size": 14336, "num_hidden_layers": 32,
         "num_attention_heads": 32, "num_key_value_heads": 8, "vocab_size": 32000, "max_position_embeddings": 32768}
        """;

    [Fact]
    public void Parse_DerivesHeadDim()
    {
        var m = ModelConfigReader.Parse(Minimal, "test.json", "test");
        Assert.Equal(128, m.HeadDim);
        Assert.False(m.TieWordEmbeddings);
        Assert.Null(m.RopeScaling);
    }

    [Fact]
    public void Parse_ReadsExplicitHeadDimAndRope()
    {
        var m = ModelCatalog.Resolve("Llama-3.2-1B");
        Assert.Equal(64, m.HeadDim);
        Assert.Equal("llama3", m.RopeScaling!.Type);
        Assert.Equal(32.0, m.RopeScaling.Factor);
    }

    [Fact]
    public void Parse_MissingFieldNamesFileAndField()
    {
        var json = Minimal.Replace("\"intermediate_size\": 14336,", string.Empty, StringComparison.Ordinal);
        var e = Assert.Throws<InputException>(() => ModelConfigReader.Parse(json, "my/config.json", "x"));
        Assert.Contains("my/config.json", e.Message, StringComparison.Ordinal);
        Assert.Contains("intermediate_size", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_UnsupportedArchitectureListsSupported()
    {
        var json = Minimal.Replace("MistralForCausalLM", "MixtralForCausalLM", StringComparison.Ordinal);
        var e = Assert.Throws<InputException>(() => ModelConfigReader.Parse(json, "c.json", "x"));
        Assert.Contains("MixtralForCausalLM", e.Message, StringComparison.Ordinal);
        Assert.Contains("LlamaForCausalLM", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_MalformedJsonIsInputError()
    {
        var e = Assert.Throws<InputException>(() => ModelConfigReader.Parse("{\"hidden_size\": ", "broken.json", "x"));
        Assert.Contains("broken.json", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_NegativeValueRejected()
    {
        var json = Minimal.Replace("\"num_hidden_layers\": 32", "\"num_hidden_layers\": -1", StringComparison.Ordinal);
        var e = Assert.Throws<InputException>(() => ModelConfigReader.Parse(json, "c.json", "x"));
        Assert.Contains("num_hidden_layers", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_HeadsNotMultipleOfKvHeadsRejected()
    {
        var json = Minimal.Replace("\"num_key_value_heads\": 8", "\"num_key_value_heads\": 5", StringComparison.Ordinal);
        Assert.Throws<InputException>(() => ModelConfigReader.Parse(json, "c.json", "x"));
    }

    [Fact]
    public void Catalog_SuggestsNearestName()
    {
        var e = Assert.Throws<InputException>(() => ModelCatalog.Resolve("llama-3.1-450b"));
        Assert.Contains("Did you mean", e.Message, StringComparison.Ordinal);
        Assert.Contains("Llama-3.1-405B", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Catalog_ResolvesHuggingFaceIdAndPath()
    {
        Assert.Equal("Llama-3.1-70B", ModelCatalog.Resolve("meta-llama/Llama-3.1-70B").Name);
        var path = Path.Combine(Path.GetTempPath(), $"fulcrum-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, Minimal);
        try
        {
            Assert.Equal(32, ModelCatalog.Resolve(path).NumLayers);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Catalog_LoadsAllEightModels()
    {
        var all = ModelCatalog.All();
        Assert.Equal(8, all.Count);
        Assert.All(all, m => Assert.True(m.Parameters.Total > 1_000_000_000));
    }
}
