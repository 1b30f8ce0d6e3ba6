using BenchmarkDotNet.Attributes;
using Fulcrum.Calibration;
using Fulcrum.Performance.Profiles;
using Fulcrum.Specs.Hardware;
using Fulcrum.Validation;

namespace Fulcrum.Benchmarks;

/// <summary>
/// What calibration and validation cost: predicting every published measurement with the simulator
/// (<c>fulcrum validate</c>), and one offline row simulated in full against re-pricing its recorded schedule, which
/// a fit does at every evaluation.
/// </summary>
[MemoryDiagnoser]
public class CalibrationBenchmarks
{
    private MeasurementSet measurements = null!;
    private CalibrationRow row = null!;
    private HardwareProfile profile = null!;

    [GlobalSetup]
    public void Setup()
    {
        measurements = MeasurementReader.BuiltIn();

        // M0286: Llama-3.1-405B fp8 on 8× MI300X, 2,000 prompts of 500 in and 2,000 out, max-num-seqs 2000.
        var resolved = ValidationRunner.Resolve(measurements, HardwareCatalog.BuiltIn).Single(r => r.Measurement.Id == "M0286");
        profile = HardwareProfiles.Datasheet(HardwareCatalog.BuiltIn.Resolve("MI300X"));
        row = CalibrationRow.Prepare(resolved.Case!, profile, out var reason) ?? throw new InvalidOperationException(reason);
    }

    /// <summary>Every row of data/validation/dev-measurements.csv through the simulator, in parallel.</summary>
    [Benchmark]
    public int ValidateAllRows() => ValidationRunner.Run(measurements, new SimulatorPredictor(), HardwareCatalog.BuiltIn).Results.Count(r => r.Priced);

    /// <summary>The offline row simulated in full.</summary>
    [Benchmark(Baseline = true)]
    public double SimulateOfflineRow() => new SimulatorPredictor(_ => profile, "datasheet").Predict(row.Case).Value!.Value;

    /// <summary>The same row re-priced from its recorded schedule.</summary>
    [Benchmark]
    public double ReplayOfflineRow() => row.Predict(profile);
}
