using System.Collections.Concurrent;
using System.Diagnostics;
using Fulcrum.Metrics;
using Fulcrum.Simulation;
using Microsoft.Extensions.Logging;

namespace Fulcrum.Http.Serving;

/// <summary>
/// Runs an <see cref="OnlineSimulator"/> in wall-clock time on a dedicated thread: simulated second s is the
/// engine's start plus s on the monotonic clock. Arrivals and aborts enter at the moment the thread picks them up,
/// in the order they were queued. Events are processed when their time comes, and each token goes to its request's
/// channel at its simulated time.
/// </summary>
public sealed class RealTimeEngine : IDisposable
{
    /// <summary>Below this much time to the next event the thread spins instead of sleeping, because a timed wait on Linux can overshoot by about a millisecond.</summary>
    private static readonly double SpinSeconds = 0.0015;

    private readonly ConcurrentQueue<Command> commands = new();
    private readonly Dictionary<int, SimRequest> streams = [];
    private readonly AutoResetEvent wake = new(false);
    private readonly Thread thread;
    private readonly ILogger logger;
    private readonly OnlineSimulator simulator;
    private readonly long start = Stopwatch.GetTimestamp();
    private SimRequest? submitting;
    private bool endedWhileSubmitting;
    private volatile bool stopping;
    private int outstanding;
    private int abortedRequests;

    public RealTimeEngine(SimServerOptions options, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.logger = logger ?? throw new ArgumentNullException(nameof(logger));
        simulator = new OnlineSimulator(options.Deployment, options.CostModel, new Listener(this), options.Router, options.KvCacheBlocks);
        thread = new Thread(Loop) { IsBackground = true, Name = "fulcrum-sim-engine", Priority = ThreadPriority.AboveNormal };
        thread.Start();
    }

    /// <summary>KV-cache blocks of each replica of the simulated deployment.</summary>
    public long KvBlocksPerReplica => simulator.KvBlocksPerReplica;

    /// <summary>Wall-clock seconds since the engine started, the simulation's time axis.</summary>
    public double ElapsedSeconds => Stopwatch.GetElapsedTime(start).TotalSeconds;

    /// <summary>Requests in the simulated engine, as of the engine thread's last pass (a few milliseconds old at most while it is busy).</summary>
    public int Outstanding => Volatile.Read(ref outstanding);

    /// <summary>Requests aborted because their clients went away, as of the engine thread's last pass.</summary>
    public int AbortedRequests => Volatile.Read(ref abortedRequests);

    /// <summary>Submits a request now; its tokens and its end arrive on <see cref="SimRequest.Events"/> at their simulated times.</summary>
    /// <param name="name">The id used in logs, such as the HTTP request id.</param>
    public SimRequest Submit(int inputTokens, int outputTokens, string name = "")
    {
        var request = new SimRequest(this, inputTokens, outputTokens, name);
        commands.Enqueue(new Command(request, Abort: false));
        Wake();
        return request;
    }

    /// <summary>Converts a simulated time to a <see cref="Stopwatch"/> timestamp.</summary>
    public long ToTimestamp(double seconds) => start + (long)(seconds * Stopwatch.Frequency);

    public void Dispose()
    {
        stopping = true;
        wake.Set();
        thread.Join();
        wake.Dispose();
    }

    /// <summary>Queues the abort of <paramref name="request"/> behind its arrival, for the engine thread, which owns the simulator.</summary>
    internal void EnqueueAbort(SimRequest request)
    {
        commands.Enqueue(new Command(request, Abort: true));
        Wake();
    }

    private void Wake()
    {
        try
        {
            wake.Set();
        }
        catch (ObjectDisposedException)
        {
            // The engine has stopped, so the request is never served and its handler ends with the server.
        }
    }

    private void Loop()
    {
        logger.LogInformation("Simulated engine started");
        try
        {
            while (!stopping)
            {
                simulator.AdvanceTo(ElapsedSeconds);
                while (commands.TryDequeue(out var command))
                {
                    if (command.Abort)
                    {
                        Abort(command.Request);
                    }
                    else
                    {
                        Admit(command.Request);
                    }
                }

                Volatile.Write(ref outstanding, simulator.Outstanding);
                Volatile.Write(ref abortedRequests, simulator.AbortedRequests);
                WaitForNextEvent();
            }
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException)
        {
            logger.LogError(e, "Simulated engine failed; open streams end now");
            foreach (var request in streams.Values)
            {
                request.Writer.TryComplete(e);
            }
        }

        logger.LogInformation(
            "Simulated engine stopped with {Outstanding} requests outstanding; {Aborted} requests were aborted by their clients", simulator.Outstanding, simulator.AbortedRequests);
    }

    private void Admit(SimRequest request)
    {
        submitting = request;
        endedWhileSubmitting = false;
        var id = simulator.Submit(request.InputTokens, request.OutputTokens);
        submitting = null;
        if (id < 0)
        {
            logger.LogWarning("All {Capacity} request slots are in use; rejecting request {RequestId}", OnlineSimulator.DefaultCapacity, request.Name);
            request.MarkEnded();
            request.Writer.TryWrite(new SimEvent(0, simulator.Now, RequestOutcome.Failed));
            request.Writer.TryComplete();
        }
        else if (!endedWhileSubmitting)
        {
            request.Id = id;
            streams[id] = request;
        }
    }

    /// <summary>Aborts a request still in the engine. One that has ended is left alone, because its id may belong to another request by now.</summary>
    private void Abort(SimRequest request)
    {
        if (request.Id < 0 || !streams.TryGetValue(request.Id, out var held) || !ReferenceEquals(held, request))
        {
            return;
        }

        if (simulator.Abort(request.Id))
        {
            logger.LogDebug("Aborting request {RequestId}: its client went away", request.Name);
        }
    }

    private void WaitForNextEvent()
    {
        var next = simulator.NextEventSeconds;
        var remaining = next is { } t ? t - ElapsedSeconds : double.PositiveInfinity;
        if (remaining > SpinSeconds)
        {
            var sleep = double.IsPositiveInfinity(remaining) ? Timeout.InfiniteTimeSpan : TimeSpan.FromSeconds(remaining - SpinSeconds);
            wake.WaitOne(sleep);
            return;
        }

        var spinner = default(SpinWait);
        while (ElapsedSeconds < next && commands.IsEmpty && !stopping)
        {
            spinner.SpinOnce(sleep1Threshold: -1);
        }
    }

    /// <summary>An arrival, or the abort of an earlier arrival, queued for the engine thread.</summary>
    private readonly record struct Command(SimRequest Request, bool Abort);

    /// <summary>Routes the simulation's callbacks, which run on the engine thread, to the request channels.</summary>
    private sealed class Listener(RealTimeEngine engine) : IOnlineSimulationListener
    {
        public void OnToken(int requestId, int generated, double timeSeconds) =>
            engine.streams[requestId].Writer.TryWrite(new SimEvent(generated, timeSeconds, null));

        public void OnEnded(int requestId, RequestOutcome outcome, double timeSeconds)
        {
            // A request rejected on arrival ends inside Submit, before it has an entry.
            if (!engine.streams.Remove(requestId, out var request))
            {
                request = engine.submitting!;
                engine.endedWhileSubmitting = true;
            }

            request.MarkEnded();
            request.Writer.TryWrite(new SimEvent(0, timeSeconds, outcome));
            request.Writer.TryComplete();
        }
    }
}
