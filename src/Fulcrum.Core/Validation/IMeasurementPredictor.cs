namespace Fulcrum.Validation;

/// <summary>
/// Predicts the value of a resolved measurement. The validation report depends only on this, so a later
/// predictor (the serving simulator, or fitted efficiencies) can replace the static-batch one.
/// </summary>
public interface IMeasurementPredictor
{
    /// <summary>Short description of the predictor for the report, such as "static batch, built-in profiles".</summary>
    string Description { get; }

    Prediction Predict(ValidationCase validationCase);
}
