namespace Fulcrum.Specs.Deployments;

/// <summary>One broken deployment rule, with the offending value and how to fix it.</summary>
public sealed record ValidationProblem(string Rule, string Message);
