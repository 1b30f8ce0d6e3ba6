namespace Fulcrum.Validation;

/// <summary>The rows read from a measurement file and the rows rejected with their reasons.</summary>
public sealed record MeasurementSet(string Origin, IReadOnlyList<Measurement> Rows, IReadOnlyList<MeasurementProblem> Problems);
