using Fulcrum.Specs.Models;

namespace Fulcrum.Tests.Specs;

public class ParameterCountTests
{
    [Fact]
    public void Llama31_8B_IsExact()
    {
        // embedding 128256·4096 = 525,336,576; LM head the same (untied).
        // per layer: attention 4096·4096·2 + 2·4096·1024 = 41,943,040; MLP 3·4096·14336 = 176,160,768; norms 2·4096 = 8,192.
        // 32 layers · 218,112,000 = 6,979,584,000; final norm 4,096.
        // total 2·525,336,576 + 6,979,584,000 + 4,096 = 8,030,261,248.
        var p = ModelCatalog.Resolve("Llama-3.1-8B").Parameters;
        Assert.Equal(525_336_576, p.Embedding);
        Assert.Equal(525_336_576, p.LmHead);
        Assert.Equal(32L * 41_943_040, p.Attention);
        Assert.Equal(32L * 176_160_768, p.Mlp);
        Assert.Equal((32L * 8_192) + 4_096, p.Norms);
        Assert.Equal(8_030_261_248, p.Total);
    }

    [Fact]
    public void Llama31_70B_IsExact()
    {
        // embedding 128256·8192 = 1,050,673,152 (and LM head).
        // per layer: attention 8192·8192·2 + 2·8192·1024 = 150,994,944; MLP 3·8192·28672 = 704,643,072; norms 16,384.
        // 80 · 855,654,400 = 68,452,352,000; final norm 8,192.
        // total 2·1,050,673,152 + 68,452,352,000 + 8,192 = 70,553,706,496.
        var p = ModelCatalog.Resolve("llama-3.1-70b").Parameters;
        Assert.Equal(80L * 150_994_944, p.Attention);
        Assert.Equal(80L * 704_643_072, p.Mlp);
        Assert.Equal(70_553_706_496, p.Total);
    }

    [Fact]
    public void Llama2_70B_IsExact()
    {
        // embedding 32000·8192 = 262,144,000 (and the untied LM head).
        // per layer as Llama 3.1 70B (same shapes): 150,994,944 + 704,643,072 + 16,384 = 855,654,400.
        // total 2·262,144,000 + 80·855,654,400 + 8,192 = 68,976,648,192.
        var p = ModelCatalog.Resolve("Llama-2-70B").Parameters;
        Assert.Equal(262_144_000, p.Embedding);
        Assert.Equal(68_976_648_192, p.Total);
        Assert.Equal(4096, ModelCatalog.Resolve("meta-llama/Llama-2-70b-hf").MaxPositionEmbeddings);
    }

    [Fact]
    public void Llama31_405B_IsExact()
    {
        // embedding 128256·16384 = 2,101,346,304 (and LM head).
        // per layer: attention 16384·16384·2 + 2·16384·1024 = 570,425,344; MLP 3·16384·53248 = 2,617,245,696; norms 32,768.
        // 126 · 3,187,703,808 = 401,650,679,808; final norm 16,384.
        // total 2·2,101,346,304 + 401,650,679,808 + 16,384 = 405,853,388,800.
        var p = ModelCatalog.Resolve("LLAMA-3.1-405B").Parameters;
        Assert.Equal(2_101_346_304, p.Embedding);
        Assert.Equal(405_853_388_800, p.Total);
    }

    [Fact]
    public void Llama32_1B_TiesEmbeddings()
    {
        // Tied: no separate LM head. head_dim 64 from the config: q 32·64 = 2048, kv 8·64 = 512.
        // per layer: 2048·2048·2 + 2·2048·512 = 10,485,760 attention; 3·2048·8192 = 50,331,648 MLP; 4,096 norms.
        // 16 · 60,821,504 = 973,144,064; embedding 128256·2048 = 262,668,288; final norm 2,048.
        var p = ModelCatalog.Resolve("Llama-3.2-1B").Parameters;
        Assert.Equal(0, p.LmHead);
        Assert.Equal(262_668_288L + 973_144_064L + 2_048L, p.Total);
    }

    [Fact]
    public void Qwen25_72B_CountsQkvBias()
    {
        // QKV bias per layer: 8192 + 2·1024 = 10,240; 80 layers add 819,200 to the attention count.
        var qwen = ModelCatalog.Resolve("Qwen2.5-72B");
        Assert.True(qwen.AttentionBias);
        var withoutBias = ParameterCount.Of(qwen with { AttentionBias = false });
        Assert.Equal(819_200, qwen.Parameters.Attention - withoutBias.Attention);
    }
}
