namespace Fulcrum.Validation;

/// <summary>A row of the measurement file that could not be read: its line, its id when readable, and why.</summary>
public sealed record MeasurementProblem(int Line, string? Id, string Reason);
