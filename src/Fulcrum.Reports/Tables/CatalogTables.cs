using Fulcrum.Specs.Hardware;
using Fulcrum.Specs.Models;
using Spectre.Console;

namespace Fulcrum.Reports.Tables;

/// <summary>Console tables of the model and accelerator catalogs.</summary>
public static class CatalogTables
{
    public static Table Models(IEnumerable<ModelArchitecture> models)
    {
        var table = new Table().Title("Models").AddColumns("Name", "Architecture", "Params", "Layers", "Hidden", "FFN", "Heads (Q/KV)", "Vocab", "Max context", "KV bytes/token (bf16)");
        foreach (var m in models)
        {
            table.AddRow(
                Markup.Escape(m.Name), m.Architecture, Units.Billions(m.Parameters.Total), m.NumLayers.ToString(Inv), m.HiddenSize.ToString(Inv),
                m.IntermediateSize.ToString(Inv), $"{m.NumAttentionHeads}/{m.NumKeyValueHeads}", m.VocabSize.ToString(Inv),
                m.MaxPositionEmbeddings.ToString(Inv), Units.Count(2L * m.NumLayers * m.KeyValueDim * 2));
        }

        return table;
    }

    public static Table Hardware(IEnumerable<AcceleratorSpec> accelerators)
    {
        var table = new Table().Title("Accelerators").AddColumns("Name", "HBM GiB", "HBM TB/s", "BF16 TFLOPS", "FP8 TFLOPS", "Fabric", "GB/s per GPU", "GPUs/node", "Power W");
        foreach (var a in accelerators)
        {
            var fabric = a.Fabric.Topology == FabricTopology.Switch ? "switch" : $"full mesh ({a.Fabric.LinksPerGpu} links)";
            table.AddRow(
                Markup.Escape(a.Name), Units.GiB(a.HbmCapacityBytes), Units.Fixed(a.HbmBandwidthBytesPerSecond / 1e12, 2),
                Units.Fixed(a.PeakBf16FlopsPerSecond / 1e12, 0), Units.Optional(a.PeakFp8FlopsPerSecond / 1e12, 0), fabric,
                Units.Fixed(a.Fabric.GpuBandwidthBytesPerSecond / 1e9, 0), a.GpusPerNode.ToString(Inv), Units.Fixed(a.PowerWatts, 0));
        }

        return table;
    }

    private static System.Globalization.CultureInfo Inv => System.Globalization.CultureInfo.InvariantCulture;
}
