using System.CommandLine;
using Fulcrum.Reports.Json;
using Fulcrum.Reports.Tables;
using Fulcrum.Specs.Models;

namespace Fulcrum.Cli.Commands;

/// <summary><c>fulcrum models</c>: the built-in model catalog.</summary>
public static class ModelsCommand
{
    public static Command Create(CliIo io)
    {
        var json = new Option<bool>("--json") { Description = "Write the catalog as JSON instead of a table." };
        var command = new Command("models", "List the built-in models with their parameter counts.") { json };
        command.SetAction(parse =>
        {
            var models = ModelCatalog.All();
            if (parse.GetValue(json))
            {
                io.Output.WriteLine(JsonOutput.Serialize(models.Select(CatalogJson.From).ToList()));
            }
            else
            {
                io.Console.Write(CatalogTables.Models(models));
            }

            return 0;
        });
        return command;
    }
}
