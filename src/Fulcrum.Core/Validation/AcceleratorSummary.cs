namespace Fulcrum.Validation;

/// <summary>Error statistics over the priced rows of one accelerator; absolute relative errors, as fractions.</summary>
public sealed record AcceleratorSummary(string Accelerator, int Priced, double MedianAbsoluteError, double P90AbsoluteError, double MedianSignedError);
