using System.Text.Json.Nodes;
using Fulcrum.Errors;
using Fulcrum.Metrics;
using Fulcrum.Performance;
using Fulcrum.Reports.Json;
using Fulcrum.Simulation;
using Fulcrum.Specs.Hardware;

namespace Fulcrum.Reports.Comparison;

/// <summary>
/// Checks a plan's recommendation against a measurement. The plan's own numbers come from its workload at the rates
/// its search chose, so they are not comparable. Instead the recommended configuration is simulated again under the
/// measured run's workload, and that prediction is compared with the measurement.
/// </summary>
public static class PlanComparison
{
    /// <summary>
    /// Simulates <paramref name="plan"/>'s recommended configuration under <paramref name="measured"/>'s workload and
    /// compares. Throws <see cref="InputException"/> when either input cannot be used.
    /// </summary>
    /// <param name="recordsPath">Per-request records of the measured run; null draws its workload_spec again.</param>
    /// <param name="catalog">Accelerators, with the plan's --hardware-file entries when it had any.</param>
    /// <param name="model">Replaces the plan's model name, for a plan made from a config.json; null keeps it.</param>
    public static ResultComparison Compare(ComparisonFile plan, ComparisonFile measured, string? recordsPath, HardwareCatalog catalog, string? model = null)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(measured);
        if (plan.Kind != ComparisonFileKind.Plan)
        {
            throw new ArgumentException("The first file must be a plan.", nameof(plan));
        }

        if (measured.Kind != ComparisonFileKind.Result)
        {
            throw new InputException($"MEASURED {measured.Path}: a plan, not a serving result; pass a file written by fulcrum bench --json.");
        }

        var configuration = PlanConfiguration.ReadRecommended(plan.Json, plan.Path, catalog, model);
        var workload = recordsPath is null
            ? MeasuredWorkload.FromResult(measured.Json, measured.Path)
            : MeasuredWorkload.FromRecords(recordsPath, measured.Json, measured.Path);
        var result = Simulator.Run(new SimulationConfig
        {
            Deployment = configuration.Deployment,
            CostModel = new StepCostModel(configuration.Deployment, configuration.Profile),
            Workload = workload.Workload,
            Router = configuration.Router,
            Slo = GoodputObjectives(measured),
        });

        // Parsed back from text so numbers read as they would from a file written by fulcrum simulate --json.
        var predicted = (JsonObject)JsonNode.Parse(SimulationJson.Serialize(SimulationJson.From(result, workload.Spec)))!;

        // The workload comes from the measured file, so the two cannot disagree and the workload check is skipped.
        var simulated = new SimulatedRun("the plan's recommended configuration " + configuration.Describe(), workload.Source);
        return ResultComparison.Compare(predicted, plan.Path, measured.Json, measured.Path, allowMismatch: true, simulated);
    }

    /// <summary>The measured run's goodput objectives (<c>goodput_slo_ms</c>), so both sides count goodput alike; null when it had none.</summary>
    private static SloThresholds? GoodputObjectives(ComparisonFile measured)
    {
        var fields = new JsonFields(measured.Json, measured.Path);
        if (!fields.Has("goodput_slo_ms"))
        {
            return null;
        }

        var slo = fields.Object("goodput_slo_ms");
        return new SloThresholds(slo.OptionalNumber("ttft") / 1000, slo.OptionalNumber("tpot") / 1000, slo.OptionalNumber("e2el") / 1000);
    }
}
