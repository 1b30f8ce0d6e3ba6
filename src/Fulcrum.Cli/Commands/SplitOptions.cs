using System.CommandLine;
using Fulcrum.Specs.Deployments;
using Fulcrum.Specs.Hardware;

namespace Fulcrum.Cli.Commands;

/// <summary>The --tp, --pp and --dp options of commands that take one deployment split.</summary>
internal sealed class SplitOptions
{
    public Option<int?> Tp { get; } = new("--tp") { Description = "Tensor-parallel GPUs per pipeline stage; default: the GPUs divided by PP and DP." };

    public Option<int> Pp { get; } = new("--pp") { Description = "Pipeline stages per replica.", DefaultValueFactory = _ => 1 };

    public Option<int?> Dp { get; } = new("--dp") { Description = "Replicas (data parallel); default: the GPUs divided by TP × PP." };

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { Tp, Pp, Dp })
        {
            command.Options.Add(option);
        }
    }

    /// <summary>Reads the split, filling in unset degrees so it uses every GPU of <paramref name="cluster"/>.</summary>
    public (int Tp, int Pp, int Dp) Read(ParseResult parse, ClusterSpec cluster) =>
        SimulateCommand.ReadSplit(parse.GetValue(Tp), parse.GetValue(Pp), parse.GetValue(Dp), cluster);

    /// <summary>Reads one deployment: model, cluster, this split, precisions and the engine settings with the scheduling flags applied.</summary>
    public Deployment ReadDeployment(ParseResult parse, DeploymentOptions deployment, SchedulingOptions scheduling)
    {
        var cluster = deployment.ReadCluster(parse);
        var (tp, pp, dp) = Read(parse, cluster);
        var engine = scheduling.Apply(parse, deployment.ReadEngine(parse));
        return Deployment.Create(deployment.ReadModel(parse), cluster, tp, pp, dp, deployment.ReadWeights(parse), deployment.ReadKvCache(parse), engine);
    }
}
