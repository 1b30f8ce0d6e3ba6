using System.CommandLine;
using Fulcrum.Errors;
using Fulcrum.Text;
using Fulcrum.Workloads;

namespace Fulcrum.Cli.Commands;

/// <summary>Options of one length distribution: <c>--input-len</c> with <c>--input-len-dist</c>, <c>-std</c>, <c>-min</c>, <c>-max</c>, or the same for output.</summary>
public sealed class LengthOptions
{
    private readonly string prefix;

    public LengthOptions(string kind, int defaultLength)
    {
        prefix = $"--{kind}-len";
        Length = new Option<int>(prefix)
        {
            Description = $"{Capitalized(kind)} length in tokens: the fixed value, or the mean of the distribution.",
            DefaultValueFactory = _ => defaultLength,
        };
        Distribution = new Option<string>($"{prefix}-dist")
        {
            Description = $"Distribution of {kind} lengths: {EnumNames.List<LengthKind>()}.",
            DefaultValueFactory = _ => "fixed",
        };
        StandardDeviation = new Option<double?>($"{prefix}-std") { Description = $"Standard deviation of {kind} lengths in tokens (normal, lognormal)." };
        Min = new Option<int?>($"{prefix}-min") { Description = $"Smallest {kind} length in tokens; default 1." };
        Max = new Option<int?>($"{prefix}-max") { Description = $"Largest {kind} length in tokens; default: 2 × {prefix} − 1 for uniform, unbounded otherwise." };
    }

    private enum LengthKind
    {
        Fixed,
        Uniform,
        Normal,
        Lognormal,
    }

    public Option<int> Length { get; }

    public Option<string> Distribution { get; }

    public Option<double?> StandardDeviation { get; }

    public Option<int?> Min { get; }

    public Option<int?> Max { get; }

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { Length, Distribution, StandardDeviation, Min, Max })
        {
            command.Options.Add(option);
        }
    }

    public LengthDistribution Read(ParseResult parse)
    {
        var length = parse.GetValue(Length);
        var kind = EnumNames.Parse<LengthKind>(parse.GetValue(Distribution)!, $"{prefix}-dist");
        var min = parse.GetValue(Min) ?? 1;
        var std = parse.GetValue(StandardDeviation);
        if (kind is LengthKind.Normal or LengthKind.Lognormal && std is null)
        {
            throw new InputException($"{prefix}-dist {EnumNames.Kebab(kind)} needs {prefix}-std, the standard deviation in tokens.");
        }

        LengthDistribution distribution = kind switch
        {
            LengthKind.Fixed => new LengthDistribution.Fixed(length),
            LengthKind.Uniform => new LengthDistribution.Uniform(min, parse.GetValue(Max) ?? Math.Max(min, (2 * length) - 1)),
            LengthKind.Normal => new LengthDistribution.Normal(length, std!.Value, min, parse.GetValue(Max) ?? int.MaxValue),
            _ => new LengthDistribution.LogNormal(length, std!.Value, min, parse.GetValue(Max) ?? int.MaxValue),
        };
        distribution.Validate(prefix);
        return distribution;
    }

    private static string Capitalized(string word) => char.ToUpperInvariant(word[0]) + word[1..];
}
