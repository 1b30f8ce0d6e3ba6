namespace Fulcrum.Specs.Hardware;

/// <summary>How the GPUs of a node reach each other.</summary>
public enum FabricTopology
{
    /// <summary>NVSwitch-style: every GPU reaches any peer at its full per-GPU bandwidth.</summary>
    Switch,

    /// <summary>Point-to-point links, one per peer (AMD Infinity Fabric): a group of n GPUs uses n − 1 links of each GPU.</summary>
    FullMesh,
}
