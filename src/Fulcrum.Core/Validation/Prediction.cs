namespace Fulcrum.Validation;

/// <summary>A predicted value in the measurement's unit, or the reason the row could not be priced.</summary>
public sealed record Prediction(double? Value, string? SkipReason)
{
    public static Prediction Of(double value) => new(value, null);

    public static Prediction Skip(string reason) => new(null, reason);
}
