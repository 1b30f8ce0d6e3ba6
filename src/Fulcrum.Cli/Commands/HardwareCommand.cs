using System.CommandLine;
using Fulcrum.Reports.Json;
using Fulcrum.Reports.Tables;

namespace Fulcrum.Cli.Commands;

/// <summary><c>fulcrum hardware</c>: the accelerator catalog, with any user files added.</summary>
public static class HardwareCommand
{
    public static Command Create(CliIo io)
    {
        var json = new Option<bool>("--json") { Description = "Write the catalog as JSON instead of a table." };
        var files = CommonOptions.HardwareFiles();
        var command = new Command("hardware", "List the accelerators and their standard nodes.") { json, files };
        command.SetAction(parse =>
        {
            var catalog = CommonOptions.Catalog(parse, files);
            if (parse.GetValue(json))
            {
                io.Output.WriteLine(JsonOutput.Serialize(catalog.Accelerators.Select(CatalogJson.From).ToList()));
            }
            else
            {
                io.Console.Write(CatalogTables.Hardware(catalog.Accelerators));
            }

            return 0;
        });
        return command;
    }
}
