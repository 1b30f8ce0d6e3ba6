using Spectre.Console;

namespace Fulcrum.Cli;

/// <summary>
/// Where a command writes: plain writers for JSON and CSV, and a Spectre console for tables that turns
/// colour and progress off when output is redirected, under CI or with NO_COLOR set.
/// </summary>
public sealed class CliIo
{
    public CliIo(TextWriter output, TextWriter error)
    {
        Output = output;
        Error = error;
        var interactive = ReferenceEquals(output, System.Console.Out) && !System.Console.IsOutputRedirected && !IsCi();
        Console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = interactive ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = interactive && Environment.GetEnvironmentVariable("NO_COLOR") is null ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = interactive ? InteractionSupport.Detect : InteractionSupport.No,
        });
        if (!interactive)
        {
            Console.Profile.Width = 200;
        }

        IsInteractive = interactive;
    }

    public TextWriter Output { get; }

    public TextWriter Error { get; }

    public IAnsiConsole Console { get; }

    /// <summary>Whether a progress bar may be drawn: a terminal, not CI, not redirected.</summary>
    public bool IsInteractive { get; }

    private static bool IsCi() =>
        !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI"))
        || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("GITHUB_ACTIONS"));
}
