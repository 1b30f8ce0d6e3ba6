using System.Text.Json.Nodes;
using Fulcrum.Errors;

namespace Fulcrum.Reports.Json;

/// <summary>
/// Typed reads of one parsed JSON object that a user passed back to Fulcrum. A missing or mistyped field raises an
/// <see cref="InputException"/> naming the file and the field path, such as <c>plan.json: engine.block_size_tokens</c>.
/// </summary>
internal sealed class JsonFields(JsonObject json, string origin, string prefix = "")
{
    public JsonObject Json => json;

    public bool Has(string field) => json[field] is not null;

    public JsonFields Object(string field) =>
        json[field] is JsonObject child ? new JsonFields(child, origin, Name(field) + ".") : throw Invalid(field, "an object");

    public JsonArray Array(string field) => json[field] as JsonArray ?? throw Invalid(field, "an array");

    public string Text(string field) => OptionalText(field) ?? throw Invalid(field, "text");

    public string? OptionalText(string field) => json[field] switch
    {
        null => null,
        JsonValue value when value.TryGetValue<string>(out var text) => text,
        _ => throw Invalid(field, "text"),
    };

    public double Number(string field) => OptionalNumber(field) ?? throw Invalid(field, "a number");

    /// <summary>A number, or null when the field is missing or null. The string "Infinity" reads as +∞, as <see cref="JsonOutput"/> writes it.</summary>
    public double? OptionalNumber(string field) => json[field] switch
    {
        null => null,
        JsonValue value when value.TryGetValue<double>(out var number) => number,
        JsonValue value when value.TryGetValue<string>(out var text) && text == "Infinity" => double.PositiveInfinity,
        _ => throw Invalid(field, "a number"),
    };

    public int Integer(string field) => OptionalInteger(field) ?? throw Invalid(field, "a whole number");

    public int? OptionalInteger(string field) => json[field] switch
    {
        null => null,
        JsonValue value when value.TryGetValue<int>(out var number) => number,
        JsonValue value when value.TryGetValue<double>(out var number) && number == Math.Floor(number) && number is >= int.MinValue and <= int.MaxValue => (int)number,
        _ => throw Invalid(field, "a whole number"),
    };

    public long Long(string field) => json[field] switch
    {
        JsonValue value when value.TryGetValue<long>(out var number) => number,
        _ => throw Invalid(field, "a whole number"),
    };

    public bool Boolean(string field) => json[field] switch
    {
        JsonValue value when value.TryGetValue<bool>(out var flag) => flag,
        _ => throw Invalid(field, "true or false"),
    };

    /// <summary>The error for a field that is missing or not <paramref name="expected"/>.</summary>
    public InputException Invalid(string field, string expected) => new($"{origin}: {Name(field)} is missing or not {expected}.");

    private string Name(string field) => prefix + field;
}
