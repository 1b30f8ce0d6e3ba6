namespace Fulcrum.Calibration;

/// <summary>A measurement of the fitted accelerator that the fit could not use, with its file line and the reason.</summary>
public sealed record UnusedRow(string Origin, int Line, string Id, string Reason);
