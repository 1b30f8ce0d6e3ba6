using System.Threading.Channels;

namespace Fulcrum.Http.Serving;

/// <summary>
/// A request submitted to a <see cref="RealTimeEngine"/>: the channel its tokens and its end arrive on, and
/// <see cref="Abort"/> for when its client goes away.
/// </summary>
public sealed class SimRequest
{
    private readonly RealTimeEngine engine;
    private readonly Channel<SimEvent> channel = Channel.CreateUnbounded<SimEvent>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
    private volatile bool ended;

    internal SimRequest(RealTimeEngine engine, int inputTokens, int outputTokens, string name)
    {
        this.engine = engine;
        InputTokens = inputTokens;
        OutputTokens = outputTokens;
        Name = name;
    }

    /// <summary>Tokens and then the end, each at its simulated time.</summary>
    public ChannelReader<SimEvent> Events => channel.Reader;

    /// <summary>Whether the engine has ended the request (completed, rejected or aborted).</summary>
    public bool HasEnded => ended;

    /// <summary>The id used in logs, such as the HTTP request id <c>cmpl-7</c>.</summary>
    public string Name { get; }

    internal int InputTokens { get; }

    internal int OutputTokens { get; }

    internal ChannelWriter<SimEvent> Writer => channel.Writer;

    /// <summary>The simulator's id while the request is in the engine; -1 before it is admitted and after it ends. Engine thread only.</summary>
    internal int Id { get; set; } = -1;

    /// <summary>
    /// Asks the engine to abort the request, which frees its KV blocks and batch slots as vLLM does when a client
    /// disconnects. Safe from any thread and at any time; it does nothing once the request has ended.
    /// </summary>
    public void Abort()
    {
        if (!ended)
        {
            engine.EnqueueAbort(this);
        }
    }

    /// <summary>Marks the request ended; the engine thread calls it before completing the channel.</summary>
    internal void MarkEnded()
    {
        ended = true;
        Id = -1;
    }
}
