using System.CommandLine;
using Fulcrum.Cli.Commands;
using Fulcrum.Errors;

namespace Fulcrum.Cli;

/// <summary>Builds the command tree and maps failures to exit codes: 2 for bad input, 1 for internal errors.</summary>
public static class CliApp
{
    public const int BadInput = 2;

    public static int Run(string[] args, TextWriter output, TextWriter error) => Run(args, output, error, CommandCatalog.All);

    /// <summary>Runs with the subcommands <paramref name="commands"/> builds; tests use it to swap in test doubles.</summary>
    public static int Run(string[] args, TextWriter output, TextWriter error, Func<CliIo, IEnumerable<Command>> commands)
    {
        var io = new CliIo(output, error);
        var root = new RootCommand("Fulcrum: choose how to split a dense LLM over GPUs (TP, PP, DP, precision, batching caps) for your traffic and SLA.");
        foreach (var command in commands(io))
        {
            root.Subcommands.Add(command);
        }

        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var e in parsed.Errors)
            {
                error.WriteLine($"error: {e.Message}");
            }

            error.WriteLine("Run 'fulcrum --help' or 'fulcrum COMMAND --help' for the options.");
            return BadInput;
        }

        try
        {
            return parsed.Invoke(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false });
        }
        catch (InputException e)
        {
            error.WriteLine($"error: {e.Message}");
            return BadInput;
        }
    }
}
