using Fulcrum.Performance.Pricing;
using Fulcrum.Performance.Profiles;
using Fulcrum.Specs.Deployments;
using Fulcrum.Specs.Precisions;

namespace Fulcrum.Tests.Performance;

/// <summary>All-reduce, all-gather and send times against hand arithmetic (profiles: 7 µs per step, 0.8 of the bandwidth).</summary>
public class CollectivePricerTests
{
    private static CollectivePricer Pricer(Deployment d) => new(d, HardwareProfiles.For(d.Accelerator));

    [Fact]
    public void SmallAllReduce_UsesOneShot()
    {
        var pricer = Pricer(Deployments.Make("Llama-3.1-70B", "MI300X", 8, 1));

        // 16,384 bytes on the MI300X mesh at TP8: 7 links · 64 GB/s · 0.8 = 358.4 GB/s.
        // One-shot: 7 µs + 7 · 16,384 / 358.4e9; two-shot would be 14 µs + 2 · 14,336 / 358.4e9.
        Assert.Equal(7e-6 + (7 * 16_384 / 358.4e9), pricer.AllReduceSeconds(16_384), 1e-15);
    }

    [Fact]
    public void LargeAllReduce_UsesTwoShot()
    {
        var pricer = Pricer(Deployments.Make("Llama-3.1-70B", "MI300X", 8, 1));

        // 8,192 tokens · 8192 · 2 = 134,217,728 bytes: two-shot 14 µs + 2 · (7/8) · 134,217,728 / 358.4e9 = 669.36 µs,
        // against 2.62 ms one-shot.
        Assert.Equal(14e-6 + (2 * 117_440_512 / 358.4e9), pricer.AllReduceSeconds(134_217_728), 1e-12);
    }

    [Fact]
    public void MeshGroupOfTwo_GetsOneLink()
    {
        var mesh = Pricer(Deployments.Make("Llama-3.1-70B", "MI300X", 2, 1));
        var sw = Pricer(Deployments.Make("Llama-3.1-70B", "H100-SXM", 2, 1));

        // 64 MiB at TP2: one-shot and two-shot both move the whole buffer once, so one-shot's single step wins.
        // It crosses one 64 GB/s link on the mesh and the full 450 GB/s on the switch.
        const double bytes = 67_108_864;
        Assert.Equal(7e-6 + (bytes / (64e9 * 0.8)), mesh.AllReduceSeconds(bytes), 1e-12);
        Assert.Equal(7e-6 + (bytes / (450e9 * 0.8)), sw.AllReduceSeconds(bytes), 1e-12);
    }

    [Fact]
    public void TpAcrossNodes_ReducesOverNic()
    {
        var pricer = Pricer(Deployments.Make("Llama-3.1-405B", "H100-SXM", 16, 1, WeightPrecision.Fp8, gpus: 16, nodes: 2));

        // Hierarchical: two intra-node steps each move 7/8 of S over 450 GB/s · 0.8. A ring over the two nodes
        // reduces the 1/8 slice in 2 · (2 − 1) steps of (7 + 5) µs, each moving S/8/2 over 50 GB/s · 0.8.
        const double bytes = 1_048_576;
        var inside = 2 * (7e-6 + (bytes * 7 / 8 / 360e9));
        var across = 2 * (12e-6 + (bytes / 8 / 2 / 40e9));
        Assert.Equal(inside + across, pricer.AllReduceSeconds(bytes), 1e-12);
    }

    [Fact]
    public void LogitsAllGather_MovesOtherShards()
    {
        var pricer = Pricer(Deployments.Make("Llama-3.1-70B", "H100-SXM", 8, 1));

        // 1,000,000 bytes in all: each GPU receives 7/8 of it in one step.
        Assert.Equal(7e-6 + (875_000 / 360e9), pricer.AllGatherSeconds(1_000_000), 1e-15);
    }

    [Fact]
    public void SingleGpu_HasNoCollectiveCost()
    {
        var pricer = Pricer(Deployments.Make("Llama-3.1-8B", "H100-SXM", 1, 1));
        Assert.Equal(0, pricer.AllReduceSeconds(1_000_000));
        Assert.Equal(0, pricer.AllGatherSeconds(1_000_000));
    }


}
