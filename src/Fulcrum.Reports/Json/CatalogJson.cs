using Fulcrum.Specs.Hardware;
using Fulcrum.Specs.Models;

namespace Fulcrum.Reports.Json;

/// <summary>JSON shapes of the model and accelerator catalogs (schema in docs/JSON.md).</summary>
public static class CatalogJson
{
    public sealed record ModelJson(
        string Name,
        string Architecture,
        int HiddenSize,
        int IntermediateSize,
        int NumHiddenLayers,
        int NumAttentionHeads,
        int NumKeyValueHeads,
        int HeadDim,
        int VocabSize,
        int MaxPositionEmbeddings,
        bool TieWordEmbeddings,
        bool AttentionBias,
        long ParametersTotal,
        long ParametersEmbedding,
        long ParametersAttention,
        long ParametersMlp,
        long ParametersNorms,
        long ParametersLmHead,
        long KvCacheBytesPerTokenBf16);

    public sealed record AcceleratorJson(
        string Name,
        string FullName,
        string Vendor,
        long HbmCapacityBytes,
        double HbmBandwidthBytesPerS,
        double PeakBf16FlopsPerS,
        double? PeakFp8FlopsPerS,
        double? PeakInt8OpsPerS,
        string FabricTopology,
        int FabricLinksPerGpu,
        double FabricLinkBandwidthBytesPerS,
        double FabricGpuBandwidthBytesPerS,
        double FabricLatencyS,
        int GpusPerNode,
        double NicBandwidthBytesPerS,
        double NetworkLatencyS,
        double PowerW,
        IReadOnlyDictionary<string, string> Sources);

    public static ModelJson From(ModelArchitecture m)
    {
        var p = m.Parameters;
        return new ModelJson(
            m.Name, m.Architecture, m.HiddenSize, m.IntermediateSize, m.NumLayers, m.NumAttentionHeads, m.NumKeyValueHeads,
            m.HeadDim, m.VocabSize, m.MaxPositionEmbeddings, m.TieWordEmbeddings, m.AttentionBias,
            p.Total, p.Embedding, p.Attention, p.Mlp, p.Norms, p.LmHead,
            2L * m.NumLayers * m.KeyValueDim * 2);
    }

    public static AcceleratorJson From(AcceleratorSpec a) => new(
        a.Name, a.FullName, a.Vendor, a.HbmCapacityBytes, a.HbmBandwidthBytesPerSecond, a.PeakBf16FlopsPerSecond,
        a.PeakFp8FlopsPerSecond, a.PeakInt8OpsPerSecond, a.Fabric.Topology == FabricTopology.Switch ? "switch" : "full_mesh",
        a.Fabric.LinksPerGpu, a.Fabric.LinkBandwidthBytesPerSecond, a.Fabric.GpuBandwidthBytesPerSecond, a.Fabric.LatencySeconds,
        a.GpusPerNode, a.Network.NicBandwidthBytesPerSecond, a.Network.LatencySeconds, a.PowerWatts, a.Sources);
}
