namespace Fulcrum.Simulation;

/// <summary>A value over a window of simulated time: the window's start and the time-weighted mean within it.</summary>
public readonly record struct TimePoint(double TimeSeconds, double Value);
