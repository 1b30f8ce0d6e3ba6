namespace Fulcrum.Http.Sse;

/// <summary>Receives the events <see cref="SseParser"/> completes.</summary>
public interface ISseEventSink
{
    /// <summary>Handles one event; returns false to stop parsing the rest of the stream.</summary>
    bool OnEvent(SseEvent sseEvent);
}
