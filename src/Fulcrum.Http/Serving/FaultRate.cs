using System.Globalization;
using Fulcrum.Errors;

namespace Fulcrum.Http.Serving;

/// <summary>A fault injected into a random fraction of requests, written <c>KIND[:N]=FRACTION</c>, e.g. <c>status:503=0.05</c>.</summary>
public sealed record FaultRate(Fault Fault, double Fraction)
{
    public static FaultRate Parse(string text, string source)
    {
        ArgumentNullException.ThrowIfNull(text);
        var equals = text.LastIndexOf('=');
        if (equals < 0)
        {
            throw new InputException($"{source} {text}: missing '=FRACTION'; write KIND[:N]=FRACTION, e.g. status:503=0.05.");
        }

        var fault = Fault.Parse(text[..equals], source);
        var fractionText = text[(equals + 1)..];
        if (!double.TryParse(fractionText, NumberStyles.Float, CultureInfo.InvariantCulture, out var fraction) || fraction is < 0 or > 1)
        {
            throw new InputException($"{source} {text}: '{fractionText}' is not a fraction between 0 and 1.");
        }

        return new FaultRate(fault, fraction);
    }
}
