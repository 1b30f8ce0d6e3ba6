using Fulcrum.Errors;
using Fulcrum.Specs.Deployments;
using Fulcrum.Specs.Hardware;
using Fulcrum.Specs.Models;
using Fulcrum.Study;

namespace Fulcrum.Tests.Study;

public class StudyOptionsTests
{
    private static readonly StudyOptions Base = new()
    {
        Models = [ModelCatalog.Resolve("Llama-3.1-70B")],
        Cluster = ClusterSpec.Of(HardwareCatalog.BuiltIn.Resolve("MI300X")),
    };

    [Fact]
    public void Normalize_SortsAndDeduplicates()
    {
        var options = (Base with { InputLengths = [512, 128, 512], BatchSizes = [8, 1, 8], LoadFractions = [1.0, 0.5, 0.5] }).Normalize();

        Assert.Equal([128, 512], options.InputLengths);
        Assert.Equal([1, 8], options.BatchSizes);
        Assert.Equal([0.5, 1.0], options.LoadFractions);
    }

    [Fact]
    public void Normalize_KeepsDefaults()
    {
        var options = Base.Normalize();

        Assert.Equal(StudyOptions.DefaultInputLengths, options.InputLengths);
        Assert.Equal(StudyOptions.DefaultOutputLengths, options.OutputLengths);
        Assert.Equal([1, 2, 4, 8, 16, 32, 64, 128, 256], options.BatchSizes);
        Assert.Equal(["chat", "code", "summarization"], options.Slas.Select(s => s.Name));
        Assert.Equal(["chat", "summarization"], options.OnlineWorkloads.Select(w => w.Name));
    }

    [Fact]
    public void Normalize_RejectsBadValues()
    {
        Assert.Contains("--input-lens is empty", Reject(Base with { InputLengths = [] }));
        Assert.Contains("--output-lens contains 0", Reject(Base with { OutputLengths = [128, 0] }));
        Assert.Contains("--batch-sizes contains -4", Reject(Base with { BatchSizes = [-4] }));
        Assert.Contains("--model needs at least one model", Reject(Base with { Models = [] }));
        Assert.Contains("names Llama-3.1-70B more than once", Reject(Base with { Models = [Base.Models[0], Base.Models[0]] }));
        Assert.Contains("Online load fraction 0 must be a positive", Reject(Base with { LoadFractions = [0] }));
        Assert.Contains("Parallelism must be at least 1", Reject(Base with { Parallelism = 0 }));
    }

    [Fact]
    public void Normalize_RejectsRequestsOverModelLength()
    {
        // Llama-3.1-70B has max_position_embeddings 131,072: 131,072 + 128 is one token too many per request.
        var message = Reject(Base with { InputLengths = [131072], OutputLengths = [128] });

        Assert.Contains("131200 tokens exceeds Llama-3.1-70B's max_position_embeddings (131072)", message);
    }

    [Fact]
    public void Normalize_RejectsBudgetBelowPromptWithoutChunking()
    {
        var engine = new EngineSettings { ChunkedPrefill = false, MaxNumBatchedTokens = 8192 };

        var message = Reject(Base with { Engine = engine, InputLengths = [8192], OutputLengths = [128] });

        Assert.Contains("token budget (8192) must cover the longest request, input 8192 + output 128", message);
    }

    private static string Reject(StudyOptions options) => Assert.Throws<InputException>(options.Normalize).Message;
}
