using Fulcrum.Planning;
using Fulcrum.Reports.Study;
using Fulcrum.Specs.Hardware;
using Fulcrum.Specs.Models;
using Fulcrum.Specs.Precisions;
using Fulcrum.Study;

namespace Fulcrum.Tests.Study;

/// <summary>Small real studies: Llama-3.2-1B on 8× MI300X with a short grid and short online runs, simulated for real.</summary>
public class StudyRunnerTests
{
    internal static StudyOptions SmallOptions(int parallelism = 2) => new()
    {
        Models = [ModelCatalog.Resolve("Llama-3.2-1B")],
        Cluster = ClusterSpec.Of(HardwareCatalog.BuiltIn.Resolve("MI300X")),
        InputLengths = [1024, 128],
        OutputLengths = [16, 64],
        BatchSizes = [8, 1, 64],
        OnlineWorkloads = [StudyWorkload.Chat(40), StudyWorkload.Summarization(20)],
        LoadFractions = [0.5, 1.0],
        Parallelism = parallelism,
    };

    internal static readonly Lazy<StudyResult> Small = new(() => StudyRunner.Run(SmallOptions()));

    [Fact]
    public void Run_CoversEverySplitAndPoint()
    {
        var study = Assert.Single(Small.Value.Models);

        // Llama-3.2-1B (32 heads, 8 KV heads, 16 layers) fits every one of the 10 splits of 8 GPUs in bf16.
        Assert.Equal(WeightPrecision.Bf16, study.Weights);
        Assert.Equal(10, study.Splits.Count);
        Assert.Empty(study.Excluded);
        Assert.Equal(10 * 2 * 2 * 3, study.Grid.Points.Count);
        Assert.All(study.Grid.Points, p => Assert.True(p.Fits, $"{p.Split} {p.InputTokens}+{p.OutputTokens} × {p.BatchSize}"));
        Assert.Equal([128, 1024], study.Grid.InputLengths);
        Assert.Equal([1, 8, 64], study.Grid.BatchSizes);
    }

    [Fact]
    public void Run_StaticPointsCompleteTheWholeBatch()
    {
        var study = Small.Value.Models[0];
        foreach (var p in study.Grid.Points)
        {
            var run = p.Run!;
            Assert.Equal(p.BatchSize, run.Completed);
            Assert.Equal(0, run.Rejected);
            Assert.Equal(0, run.Preemptions);

            // Output throughput = batch × output tokens / duration, and total adds the prompts: total / output = (input + output) / output.
            Assert.Equal((p.InputTokens + p.OutputTokens) / (double)p.OutputTokens, run.TotalTokenThroughput / run.OutputThroughput, 9);
            Assert.True(p.Time!.Value.TotalSeconds > 0);
        }
    }

    [Fact]
    public void Run_PhaseSplitMatchesEngineBusyTime()
    {
        foreach (var p in Small.Value.Models[0].Grid.Points)
        {
            var time = p.Time!.Value;
            var total = time.Prefill + time.Decode;
            var engine = p.Run!.TimeBreakdownSeconds;
            Assert.Equal(engine["GEMM compute"], total.GemmComputeSeconds, 9);
            Assert.Equal(engine["attention"], total.AttentionSeconds, 9);
            Assert.Equal(engine["TP collectives"], total.CollectiveSeconds, 9);
            Assert.Equal(engine["PP transfers"], total.PointToPointSeconds, 9);
            Assert.Equal(engine["step overhead"], total.OverheadSeconds, 9);
            Assert.Equal(engine["pipeline bubbles"], time.BubbleSeconds, 9);
            Assert.Equal(total.PointToPointSeconds, time.TransferSeconds, 12);
            Assert.True(time.Prefill.TotalSeconds > 0, "every batch prefills");
        }
    }

    [Fact]
    public void Run_StageSecondsCoverTheWholeRun()
    {
        // With one replica a step is in the pipeline from the first request to the last token, so busy plus idle stage-seconds
        // equal PP × the run's duration (requests / request throughput).
        foreach (var p in Small.Value.Models[0].Grid.Points.Where(p => p.Split.Dp == 1))
        {
            var duration = p.Run!.Completed / p.Run.RequestThroughput;
            Assert.Equal(p.Split.Pp * duration, p.Time!.Value.TotalSeconds, p.Split.Pp * duration * 1e-9);
        }
    }

    [Fact]
    public void Run_BatchOneHasNoBubblesWithoutPp()
    {
        var study = Small.Value.Models[0];
        foreach (var split in study.Grid.Splits)
        {
            var point = study.Grid.At(split, 128, 64, 1);
            var bubbles = point.Time!.Value.Share(Bottleneck.PipelineBubbles)!.Value;
            if (split.Pp == 1)
            {
                Assert.Equal(0, bubbles);
            }
            else
            {
                // One request in a pipeline of PP stages keeps one stage busy at a time, so (PP − 1) / PP of stage time idles,
                // plus every stage waiting while activations travel: microseconds against steps of milliseconds.
                var idle = (split.Pp - 1.0) / split.Pp;
                Assert.InRange(bubbles, idle, idle + 0.02);
            }
        }
    }

    [Fact]
    public void Run_OnlineCurvesUseCommonRates()
    {
        var study = Small.Value.Models[0];
        Assert.Equal(20, study.Online.Count);
        foreach (var workload in new[] { "chat", "summarization" })
        {
            var rates = study.OnlineRates[workload];
            var highest = study.Online.Where(c => c.Workload == workload).Max(c => c.Saturated!.RequestThroughput);

            // Load fractions 0.5 and 1.0 of the best saturated request throughput, rounded to three digits.
            Assert.Equal(2, rates.Count);
            Assert.Equal(highest, rates[1], highest * 0.005);
            Assert.Equal(highest / 2, rates[0], highest * 0.005);
            Assert.All(study.Online.Where(c => c.Workload == workload), c => Assert.Equal(rates, c.Points.Select(p => p.RequestRate)));
        }
    }

    [Fact]
    public void Run_FindingsCoverEveryKind()
    {
        var kinds = Small.Value.Models[0].Findings.Select(f => f.Kind).Distinct();
        Assert.Equal(Enum.GetValues<FindingKind>(), kinds);
    }

    [Fact]
    public void Run_ResultDoesNotDependOnThreads()
    {
        var serial = StudyRunner.Run(SmallOptions(parallelism: 1) with { OnlineWorkloads = [StudyWorkload.Chat(40)] });
        var parallel = StudyRunner.Run(SmallOptions(parallelism: 2) with { OnlineWorkloads = [StudyWorkload.Chat(40)] });

        Assert.Equal(Csv(serial), Csv(parallel));
        Assert.Equal(serial.Models[0].Findings, parallel.Models[0].Findings);
    }

    [Fact]
    public void Run_SkipsBatchesOverKvCapacity()
    {
        // Llama-3.1-8B on one A100-80GB: 72 GiB usable − 15 GiB weights − activations − 2 GiB reserve leaves about 52 GiB, at
        // 2 × 32 layers × 8 KV heads × 128 × 2 bytes = 128 KiB per token: about 400,000 tokens, a dozen requests of 32,784 tokens.
        var options = new StudyOptions
        {
            Models = [ModelCatalog.Resolve("Llama-3.1-8B")],
            Cluster = ClusterSpec.Of(HardwareCatalog.BuiltIn.Resolve("A100-SXM-80GB"), 1),
            InputLengths = [32768],
            OutputLengths = [16],
            BatchSizes = [1, 64],
            OnlineWorkloads = [],
        };
        var study = StudyRunner.Run(options).Models[0];
        var split = Assert.Single(study.Splits);
        var big = study.Grid.At(split.Split, 32768, 16, 64);
        var blocksPerRequest = (32768 + 16 - 1 + 15) / 16;

        Assert.False(big.Fits);
        Assert.Null(big.Run);
        Assert.Null(big.Time);
        Assert.Equal(split.Plan.KvCacheBlocks / blocksPerRequest, big.LargestBatch);
        Assert.InRange(big.LargestBatch, 8, 16);
        Assert.True(study.Grid.At(split.Split, 32768, 16, 1).Fits);
        Assert.Contains(study.Findings, f => f.Text.StartsWith("KV capacity caps the batch below 64 at output 16 from input 32,768 on TP1×PP1×DP1", StringComparison.Ordinal));
    }

    [Fact]
    public void Run_PicksFp8WhenBf16FitsNowhere()
    {
        // Llama-3.1-405B in bf16 needs about 101 GB per GPU over 8 GPUs, more than an H100's 80 GB; in fp8 about half.
        var options = SmallOptions() with
        {
            Models = [ModelCatalog.Resolve("Llama-3.1-405B")],
            Cluster = ClusterSpec.Of(HardwareCatalog.BuiltIn.Resolve("H100-SXM")),
            InputLengths = [128],
            OutputLengths = [4],
            BatchSizes = [1],
            OnlineWorkloads = [],
        };

        var study = Assert.Single(StudyRunner.Run(options).Models);

        Assert.Equal(WeightPrecision.Fp8, study.Weights);
        Assert.Contains(study.Splits, s => s.Split == new Fulcrum.Specs.Deployments.Split(8, 1, 1));
    }

    private static string Csv(StudyResult result) =>
        Fulcrum.Reports.Csv.CsvWriter.ToCsv(StudyCsv.GridHeader, StudyCsv.GridRows(result)) + Fulcrum.Reports.Csv.CsvWriter.ToCsv(StudyCsv.OnlineHeader, StudyCsv.OnlineRows(result));
}
