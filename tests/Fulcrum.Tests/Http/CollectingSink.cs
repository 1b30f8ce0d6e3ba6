using System.Text;
using Fulcrum.Http.Sse;

namespace Fulcrum.Tests.Http;

/// <summary>Keeps every event as (type, data) strings; stops after <see cref="StopAfter"/> events when set.</summary>
internal sealed class CollectingSink : ISseEventSink
{
    public List<(string Type, string Data)> Events { get; } = [];

    public int? StopAfter { get; init; }

    public bool OnEvent(SseEvent sseEvent)
    {
        Events.Add((Encoding.UTF8.GetString(sseEvent.EventType), Encoding.UTF8.GetString(sseEvent.Data)));
        return StopAfter is not { } stop || Events.Count < stop;
    }
}
