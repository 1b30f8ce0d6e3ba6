namespace Fulcrum.Validation;

/// <summary>
/// Predicts the value of a resolved measurement. The validation report depends only on this, so predictors with
/// other profiles (or test doubles) can stand in for the simulator.
/// </summary>
public interface IMeasurementPredictor
{
    /// <summary>Short description of the predictor for the report, such as "serving simulator, default hardware profiles".</summary>
    string Description { get; }

    /// <summary>Predicts <paramref name="validationCase"/>; must be safe to call from several threads at once.</summary>
    Prediction Predict(ValidationCase validationCase);
}
