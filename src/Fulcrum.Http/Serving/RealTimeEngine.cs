using System.Collections.Concurrent;
using System.Diagnostics;
using System.Threading.Channels;
using Fulcrum.Metrics;
using Fulcrum.Simulation;
using Microsoft.Extensions.Logging;

namespace Fulcrum.Http.Serving;

/// <summary>
/// Runs an <see cref="OnlineSimulator"/> in wall-clock time on a dedicated thread: simulated second s is the
/// engine's start plus s on the monotonic clock. Arrivals enter at the moment the thread picks them up, events are
/// processed when their time comes, and each token goes to its request's channel at its simulated time.
/// </summary>
public sealed class RealTimeEngine : IDisposable
{
    /// <summary>Below this much time to the next event the thread spins instead of sleeping, because a timed wait on Linux can overshoot by about a millisecond.</summary>
    private static readonly double SpinSeconds = 0.0015;

    private readonly ConcurrentQueue<Arrival> arrivals = new();
    private readonly Dictionary<int, ChannelWriter<SimEvent>> streams = [];
    private readonly AutoResetEvent wake = new(false);
    private readonly Thread thread;
    private readonly ILogger logger;
    private readonly OnlineSimulator simulator;
    private readonly long start = Stopwatch.GetTimestamp();
    private ChannelWriter<SimEvent>? submitting;
    private bool endedWhileSubmitting;
    private volatile bool stopping;

    public RealTimeEngine(SimServerOptions options, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.logger = logger ?? throw new ArgumentNullException(nameof(logger));
        simulator = new OnlineSimulator(options.Deployment, options.CostModel, new Listener(this), options.Router, options.KvCacheBlocks);
        thread = new Thread(Loop) { IsBackground = true, Name = "fulcrum-sim-engine", Priority = ThreadPriority.AboveNormal };
        thread.Start();
    }

    /// <summary>Wall-clock seconds since the engine started, the simulation's time axis.</summary>
    public double ElapsedSeconds => Stopwatch.GetElapsedTime(start).TotalSeconds;

    /// <summary>Submits a request now; its tokens and its end arrive on the returned channel at their simulated times.</summary>
    public ChannelReader<SimEvent> Submit(int inputTokens, int outputTokens)
    {
        var channel = Channel.CreateUnbounded<SimEvent>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        arrivals.Enqueue(new Arrival(inputTokens, outputTokens, channel.Writer));
        wake.Set();
        return channel.Reader;
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

    private void Loop()
    {
        logger.LogInformation("Simulated engine started");
        try
        {
            while (!stopping)
            {
                simulator.AdvanceTo(ElapsedSeconds);
                while (arrivals.TryDequeue(out var arrival))
                {
                    Admit(arrival);
                }

                WaitForNextEvent();
            }
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException)
        {
            logger.LogError(e, "Simulated engine failed; open streams end now");
            foreach (var writer in streams.Values)
            {
                writer.TryComplete(e);
            }
        }

        logger.LogInformation("Simulated engine stopped with {Outstanding} requests outstanding", simulator.Outstanding);
    }

    private void Admit(Arrival arrival)
    {
        submitting = arrival.Writer;
        endedWhileSubmitting = false;
        var id = simulator.Submit(arrival.InputTokens, arrival.OutputTokens);
        submitting = null;
        if (id < 0)
        {
            logger.LogWarning("All {Capacity} request slots are in use; rejecting a request", OnlineSimulator.DefaultCapacity);
            arrival.Writer.TryWrite(new SimEvent(0, simulator.Now, RequestOutcome.Failed));
            arrival.Writer.TryComplete();
        }
        else if (!endedWhileSubmitting)
        {
            streams[id] = arrival.Writer;
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
        while (ElapsedSeconds < next && arrivals.IsEmpty && !stopping)
        {
            spinner.SpinOnce(sleep1Threshold: -1);
        }
    }

    private sealed record Arrival(int InputTokens, int OutputTokens, ChannelWriter<SimEvent> Writer);

    /// <summary>Routes the simulation's callbacks, which run on the engine thread, to the request channels.</summary>
    private sealed class Listener(RealTimeEngine engine) : IOnlineSimulationListener
    {
        public void OnToken(int requestId, int generated, double timeSeconds) =>
            engine.streams[requestId].TryWrite(new SimEvent(generated, timeSeconds, null));

        public void OnEnded(int requestId, RequestOutcome outcome, double timeSeconds)
        {
            // A request rejected on arrival ends inside Submit, before it has an entry.
            if (!engine.streams.Remove(requestId, out var writer))
            {
                writer = engine.submitting!;
                engine.endedWhileSubmitting = true;
            }

            writer.TryWrite(new SimEvent(0, timeSeconds, outcome));
            writer.TryComplete();
        }
    }
}
