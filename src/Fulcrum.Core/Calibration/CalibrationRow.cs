using Fulcrum.Errors;
using Fulcrum.Performance;
using Fulcrum.Performance.Profiles;
using Fulcrum.Simulation;
using Fulcrum.Validation;

namespace Fulcrum.Calibration;

/// <summary>
/// A measurement ready for fitting: its simulation case and, where the schedule does not depend on step times, a
/// <see cref="ScheduleReplay"/> that re-prices the run under any profile. Rows without a replay are simulated in
/// full at every evaluation, which is exact but slow.
/// </summary>
public sealed class CalibrationRow
{
    /// <summary>Relative difference above which a replay counts as disagreeing with the simulator.</summary>
    public const double ReplayTolerance = 1e-3;

    private readonly bool itlPercentiles;

    private CalibrationRow(ValidationCase validationCase, ScheduleReplay? replay, string? replayIssue, double initialPrediction)
    {
        itlPercentiles = validationCase.Metric == ValidationMetric.InterTokenLatencyMs && validationCase.Statistic != ValidationStatistic.Mean;
        Case = validationCase;
        Replay = replay;
        ReplayIssue = replayIssue;
        InitialPrediction = initialPrediction;
    }

    public ValidationCase Case { get; }

    public Measurement Measurement => Case.Measurement;

    /// <summary>The frozen schedule; null when the row is simulated in full.</summary>
    public ScheduleReplay? Replay { get; }

    /// <summary>Why the row has no replay; null when it has one.</summary>
    public string? ReplayIssue { get; }

    /// <summary>The simulator's prediction under the profile the row was prepared with.</summary>
    public double InitialPrediction { get; }

    /// <summary>
    /// Simulates the case once under <paramref name="profile"/>, records its schedule and checks that replaying it
    /// reproduces the simulator's value within <see cref="ReplayTolerance"/>. Returns null with
    /// <paramref name="reason"/> when the simulation cannot price the row at all.
    /// </summary>
    public static CalibrationRow? Prepare(ValidationCase validationCase, HardwareProfile profile, out string? reason)
    {
        ArgumentNullException.ThrowIfNull(validationCase);
        ArgumentNullException.ThrowIfNull(profile);
        var deployment = validationCase.Deployment;
        var recorder = new RecordingCostModel(new StepCostModel(deployment, profile));
        SimulationResult result;
        try
        {
            result = Simulator.Run(new SimulationConfig { Deployment = deployment, CostModel = recorder, Workload = validationCase.Workload, RecordTimeline = true });
        }
        catch (InputException e)
        {
            reason = e.Message.ReplaceLineEndings(" ");
            return null;
        }

        var prediction = MeasurementValue.Of(validationCase, PredictedRun.From(result));
        if (prediction.Value is not { } simulated)
        {
            reason = prediction.SkipReason;
            return null;
        }

        reason = null;
        var replay = ScheduleReplay.TryCreate(result, recorder.Batches, out var issue);
        if (replay is not null)
        {
            var replayed = MeasurementValue.Of(validationCase, replay.Replay(new StepCostModel(deployment, profile))).Value;
            if (replayed is not { } value || Math.Abs((value / simulated) - 1) > ReplayTolerance)
            {
                issue = $"replaying the schedule gives {replayed} against the simulator's {simulated}";
                replay = null;
            }
        }

        return new CalibrationRow(validationCase, replay, issue, simulated);
    }

    /// <summary>The predicted value under <paramref name="profile"/>; NaN when the simulation cannot price it.</summary>
    public double Predict(HardwareProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var model = new StepCostModel(Case.Deployment, profile);
        if (Replay is not null)
        {
            return MeasurementValue.Of(Case, Replay.Replay(model, itlPercentiles)).Value ?? double.NaN;
        }

        try
        {
            var result = Simulator.Run(new SimulationConfig { Deployment = Case.Deployment, CostModel = model, Workload = Case.Workload });
            return MeasurementValue.Of(Case, PredictedRun.From(result)).Value ?? double.NaN;
        }
        catch (InputException)
        {
            return double.NaN;
        }
    }
}
