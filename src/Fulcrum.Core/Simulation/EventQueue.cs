namespace Fulcrum.Simulation;

/// <summary>Pending events of a run in <see cref="SimulationEvent"/> order.</summary>
internal sealed class EventQueue
{
    private readonly PriorityQueue<SimulationEvent, SimulationEvent> queue = new();
    private long posted;

    public int Count => queue.Count;

    public void Post(double time, EventKind kind, int id)
    {
        var e = new SimulationEvent(time, kind, id, posted++);
        queue.Enqueue(e, e);
    }

    public bool TryNext(out SimulationEvent next) => queue.TryDequeue(out next, out _);

    public bool TryPeek(out SimulationEvent next) => queue.TryPeek(out next, out _);
}
