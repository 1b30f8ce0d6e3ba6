using Fulcrum.Errors;
using Fulcrum.Specs.Deployments;
using Fulcrum.Specs.Hardware;
using Fulcrum.Specs.Models;

namespace Fulcrum.Tests.Specs;

public class DeploymentValidatorTests
{
    private static readonly ModelArchitecture Llama70B = ModelCatalog.Resolve("Llama-3.1-70B");
    private static readonly ClusterSpec EightMi300x = ClusterSpec.Of(HardwareCatalog.BuiltIn.Resolve("MI300X"));

    [Fact]
    public void Validate_ReportsEveryProblemAtOnce()
    {
        var d = new Deployment { Model = Llama70B, Cluster = EightMi300x, Tp = 3, Pp = 100, Dp = 1 };
        var rules = DeploymentValidator.Validate(d).Select(p => p.Rule).ToList();
        Assert.Contains("tp-divides-heads", rules);
        Assert.Contains("gpu-count", rules);
        Assert.Contains("pp-layers", rules);
        Assert.Contains("tp-node-packing", rules);
    }

    [Fact]
    public void Create_ThrowsWithValueAndFix()
    {
        var e = Assert.Throws<InputException>(() => Deployment.Create(Llama70B, EightMi300x, 16, 1));
        Assert.Contains("16", e.Message, StringComparison.Ordinal);
        Assert.Contains("--nodes 2", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_AcceptsCommonSplits()
    {
        foreach (var (tp, pp) in new[] { (8, 1), (4, 2), (2, 4), (1, 8) })
        {
            var d = new Deployment { Model = Llama70B, Cluster = EightMi300x, Tp = tp, Pp = pp };
            Assert.Empty(DeploymentValidator.Validate(d));
        }
    }

    [Fact]
    public void Validate_RejectsZeroDegrees()
    {
        var d = new Deployment { Model = Llama70B, Cluster = EightMi300x, Tp = 0, Pp = 1 };
        Assert.Equal("positive-degrees", Assert.Single(DeploymentValidator.Validate(d)).Rule);
    }

    [Fact]
    public void Validate_RejectsMaxModelLenBeyondModel()
    {
        var d = new Deployment { Model = Llama70B, Cluster = EightMi300x, Tp = 8, Pp = 1, Engine = new EngineSettings { MaxModelLength = 200_000 } };
        Assert.Contains(DeploymentValidator.Validate(d), p => p.Rule == "max-model-len");
    }

    [Fact]
    public void Splits_OfEightGpus()
    {
        var splits = SplitEnumerator.All(8);
        Assert.Equal(10, splits.Count);
        Assert.All(splits, s => Assert.Equal(8, s.Gpus));
    }
}
