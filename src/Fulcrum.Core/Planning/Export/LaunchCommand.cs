namespace Fulcrum.Planning.Export;

/// <summary>
/// A launch command: the program, its arguments as separate tokens, an optional YAML options file that
/// must be written next to it, and notes on settings the flags cannot express.
/// </summary>
public sealed record LaunchCommand(
    ServingEngine Engine,
    string Program,
    IReadOnlyList<string> Arguments,
    string? OptionsFileName,
    string? OptionsFileContent,
    IReadOnlyList<string> Notes)
{
    /// <summary>The command as one shell line, each argument quoted when it needs to be.</summary>
    public string ShellLine => Program + string.Concat(Arguments.Select(a => " " + Quote(a)));

    private static string Quote(string token) =>
        token.Length > 0 && token.All(c => char.IsLetterOrDigit(c) || "-_./=:,@%+".Contains(c, StringComparison.Ordinal))
            ? token
            : "'" + token.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
