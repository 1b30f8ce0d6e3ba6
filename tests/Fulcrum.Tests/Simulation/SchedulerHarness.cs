using Fulcrum.Metrics;
using Fulcrum.Simulation;
using Fulcrum.Specs.Deployments;

namespace Fulcrum.Tests.Simulation;

/// <summary>
/// Drives one <see cref="ReplicaScheduler"/> by hand: add requests, form a step, complete it one second later.
/// Steps are returned as (request, tokens) pairs so tests read like a schedule.
/// </summary>
internal sealed class SchedulerHarness
{
    private readonly RequestState[] requests = new RequestState[64];
    private readonly List<MicroBatch> inFlight = [];
    private int count;

    public SchedulerHarness(EngineSettings engine, long kvBlocks, int blockSize = 16)
    {
        Scheduler = new ReplicaScheduler(requests, engine with { BlockSize = blockSize }, new KvBlockManager(kvBlocks, blockSize));
    }

    public ReplicaScheduler Scheduler { get; }

    public TokenLog Log { get; } = new();

    public double Now { get; private set; }

    public static SchedulerHarness Create(
        int maxNumBatchedTokens = 8192,
        int maxNumSeqs = 256,
        long kvBlocks = 10_000,
        bool chunkedPrefill = true,
        BatchingPolicy policy = BatchingPolicy.VllmV1,
        int longPrefillThreshold = 0,
        int? maxLongPartialPrefills = null) =>
        new(
            new EngineSettings
            {
                MaxNumBatchedTokens = maxNumBatchedTokens,
                MaxNumSeqs = maxNumSeqs,
                ChunkedPrefill = chunkedPrefill,
                BatchingPolicy = policy,
                LongPrefillTokenThreshold = longPrefillThreshold,
                MaxLongPartialPrefills = maxLongPartialPrefills,
            },
            kvBlocks);

    /// <summary>Adds a request to the waiting queue and returns its id.</summary>
    public int Add(int input, int output)
    {
        var id = count++;
        requests[id] = new RequestState
        {
            InputTokens = input,
            OutputTokens = output,
            Start = double.NaN,
            FirstToken = double.NaN,
            LastToken = double.NaN,
            End = double.NaN,
        };
        Scheduler.Enqueue(id);
        return id;
    }

    public RequestState State(int id) => requests[id];

    /// <summary>Forms one step and completes it one second later.</summary>
    public (int Id, int Tokens)[] Step()
    {
        var scheduled = Dispatch();
        CompleteOldest();
        return scheduled;
    }

    /// <summary>Forms a step and leaves it in flight, as a pipeline would.</summary>
    public (int Id, int Tokens)[] Dispatch()
    {
        var batch = new MicroBatch(256);
        Scheduler.Schedule(batch, Now);
        inFlight.Add(batch);
        return Enumerable.Range(0, batch.Count).Select(k => (batch.RequestAt(k), batch.TokensAt(k))).ToArray();
    }

    /// <summary>Completes the oldest in-flight step one second after the previous event; returns the requests that finished.</summary>
    public List<int> CompleteOldest()
    {
        var batch = inFlight[0];
        inFlight.RemoveAt(0);
        Now += 1;
        var finished = new List<int>();
        Scheduler.Complete(batch, Now, Log, finished);
        return finished;
    }
}
