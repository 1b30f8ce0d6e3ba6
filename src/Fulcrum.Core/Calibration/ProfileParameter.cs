using Fulcrum.Performance.Profiles;

namespace Fulcrum.Calibration;

/// <summary>
/// One hardware-profile value a fit may change. The fit works on its logarithm, so bounds and the prior are
/// multiplicative: a prior width of 0.2 lets the data move the value by about ±20% at one standard deviation.
/// </summary>
/// <param name="Key">The profile's JSON path, such as <c>gemm.fp8.max_efficiency</c>.</param>
/// <param name="Unit">Unit of the JSON value, such as "fraction" or "µs".</param>
/// <param name="Lower">Smallest allowed value, in the profile's units (seconds for times).</param>
/// <param name="Upper">Largest allowed value, in the profile's units.</param>
/// <param name="PriorWidth">Standard deviation of the Gaussian prior on the natural logarithm of the value.</param>
/// <param name="PriorReason">Why the prior is that wide: how well the datasheet-derived default is known.</param>
/// <param name="JsonScale">Factor from the profile's units to the JSON file's (1e6 for µs).</param>
public sealed record ProfileParameter(
    string Key,
    string Unit,
    double Lower,
    double Upper,
    double PriorWidth,
    string PriorReason,
    Func<HardwareProfile, double> Read,
    Func<HardwareProfile, double, HardwareProfile> Write,
    double JsonScale = 1.0)
{
    /// <summary>The value as the profile file writes it (µs for times).</summary>
    public double JsonValue(HardwareProfile profile) => Read(profile) * JsonScale;
}
