using Fulcrum.Errors;
using Fulcrum.Performance;
using Fulcrum.Performance.Profiles;
using Fulcrum.Simulation;
using Fulcrum.Specs.Hardware;

namespace Fulcrum.Validation;

/// <summary>
/// Predicts a measurement by running the serving simulator on the case's deployment and workload, with every step
/// priced by a <see cref="StepCostModel"/> under the accelerator's profile. Thread-safe: each call builds its own
/// cost model and simulation.
/// </summary>
public sealed class SimulatorPredictor(Func<AcceleratorSpec, HardwareProfile> profiles, string description) : IMeasurementPredictor
{
    /// <summary>Description of the predictor with default profiles.</summary>
    public const string DefaultDescription = "serving simulator, default profiles (the fitted one where data/profiles ships one that generalizes, else the datasheet-derived one)";

    /// <summary>A predictor with the default profile of each accelerator (<see cref="HardwareProfiles.For"/>).</summary>
    public SimulatorPredictor()
        : this(HardwareProfiles.For, DefaultDescription)
    {
    }

    public string Description => description;

    /// <summary>The profile this predictor prices <paramref name="accelerator"/> with.</summary>
    public HardwareProfile ProfileFor(AcceleratorSpec accelerator) => profiles(accelerator);

    public Prediction Predict(ValidationCase validationCase)
    {
        ArgumentNullException.ThrowIfNull(validationCase);
        var deployment = validationCase.Deployment;
        try
        {
            var result = Simulator.Run(new SimulationConfig
            {
                Deployment = deployment,
                CostModel = new StepCostModel(deployment, profiles(deployment.Accelerator)),
                Workload = validationCase.Workload,
            });
            return MeasurementValue.Of(validationCase, PredictedRun.From(result));
        }
        catch (InputException e)
        {
            return Prediction.Skip(e.Message.ReplaceLineEndings(" "));
        }
    }
}
