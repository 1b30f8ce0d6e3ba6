using System.CommandLine;
using Fulcrum.Cli;
using Fulcrum.Cli.Commands;

namespace Fulcrum.Tests.Docs;

/// <summary>Every command line shown in a code block of README.md or docs/*.md parses: known options, required ones given.</summary>
public class CommandExampleTests
{
    public static TheoryData<string, string> Examples()
    {
        var data = new TheoryData<string, string>();
        var files = new[] { Path.Combine(RepoPaths.Root, "README.md") }.Concat(Directory.GetFiles(Path.Combine(RepoPaths.Root, "docs"), "*.md"));
        foreach (var file in files)
        {
            var inCode = false;
            foreach (var raw in File.ReadLines(file))
            {
                var line = raw.Trim();
                if (line.StartsWith("```", StringComparison.Ordinal))
                {
                    inCode = !inCode;
                    continue;
                }

                if (inCode && (line.StartsWith("./fulcrum ", StringComparison.Ordinal) || line.StartsWith("fulcrum ", StringComparison.Ordinal)) && !line.EndsWith('\\'))
                {
                    var comment = line.IndexOf(" #", StringComparison.Ordinal);
                    data.Add(Path.GetFileName(file), comment < 0 ? line : line[..comment].TrimEnd());
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void Example_Parses(string file, string commandLine)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var root = new RootCommand();
        foreach (var command in CommandCatalog.All(new CliIo(output, error)))
        {
            root.Subcommands.Add(command);
        }

        var args = commandLine.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1..];
        var parse = root.Parse(args);

        Assert.True(parse.Errors.Count == 0, $"{file}: {commandLine}: {string.Join("; ", parse.Errors.Select(e => e.Message))}");
    }
}
