using System.CommandLine;
using Fulcrum.Performance;

namespace Fulcrum.Cli.Commands;

/// <summary>Every subcommand, in the order help lists them.</summary>
public static class CommandCatalog
{
    public static IEnumerable<Command> All(CliIo io) =>
    [
        PlanCommand.Create(io),
        SimulateCommand.Create(io, d => new StepCostModel(d)),
        StudyCommand.Create(io),
        FitCommand.Create(io),
        ModelsCommand.Create(io),
        HardwareCommand.Create(io),
        StepCommand.Create(io),
        ValidateCommand.Create(io),
        ExportCommand.Create(io),
        BenchCommand.Create(io),
        ServeSimCommand.Create(io, d => new StepCostModel(d)),
        CompareCommand.Create(io),
    ];
}
