using Fulcrum.Workloads;
using Fulcrum.Workloads.Traces;

namespace Fulcrum.Study;

/// <summary>
/// An online workload of the study: its name in reports, a description, and the requests (lengths and arrival
/// pattern) that are sent at each request rate. The rate itself replaces the spec's arrival rate.
/// </summary>
public sealed record StudyWorkload(string Name, string Description, WorkloadSpec Spec)
{
    /// <summary>Requests per online run when none are given: enough for p99 statistics over 5 requests each.</summary>
    public const int DefaultRequests = 500;

    /// <summary>Chat: prompt and output lengths of the Azure LLM inference 2023 conversation trace, Poisson arrivals.</summary>
    public static StudyWorkload Chat(int requests = DefaultRequests, long seed = 0) => new(
        "chat",
        "Chat: lengths of the first requests of the Azure 2023 conversation trace, Poisson arrivals",
        new WorkloadSpec
        {
            Trace = TraceCatalog.Resolve("azure-conv"),
            NumPrompts = requests,
            Arrival = new ArrivalProcess.Rate(1.0),
            Seed = seed,
        });

    /// <summary>
    /// Summarization: long documents in, short summaries out. Inputs uniform in 4,096 to 8,192 tokens (a few pages of
    /// text), outputs uniform in 128 to 384 tokens (a paragraph or two), Poisson arrivals.
    /// </summary>
    public static StudyWorkload Summarization(int requests = DefaultRequests, long seed = 0) => new(
        "summarization",
        "Summarization: inputs uniform in 4,096–8,192 tokens, outputs uniform in 128–384 tokens, Poisson arrivals",
        new WorkloadSpec
        {
            NumPrompts = requests,
            Arrival = new ArrivalProcess.Rate(1.0),
            InputLength = new LengthDistribution.Uniform(4096, 8192),
            OutputLength = new LengthDistribution.Uniform(128, 384),
            Seed = seed,
        });
}
