namespace Fulcrum.Simulation;

/// <summary>
/// Kinds of events, in the order they are handled at equal times: finished steps first (freeing KV blocks and
/// client slots), then arrivals, then scheduling, so a step formed at time t sees everything that happened at t.
/// </summary>
internal enum EventKind : byte
{
    /// <summary>A replica's oldest in-flight step leaves the last stage; the id is the replica.</summary>
    StepDone,

    /// <summary>The client's next request is due; the id is the request.</summary>
    Arrival,

    /// <summary>A replica may be able to start a step (stage 0 free, room in the pipeline); the id is the replica.</summary>
    Schedule,
}

/// <summary>
/// An event, ordered by time, then kind, then id, then the order it was posted in: a total order, so runs are
/// reproducible to the bit.
/// </summary>
internal readonly record struct SimulationEvent(double Time, EventKind Kind, int Id, long Sequence) : IComparable<SimulationEvent>
{
    public int CompareTo(SimulationEvent other)
    {
        var byTime = Time.CompareTo(other.Time);
        if (byTime != 0)
        {
            return byTime;
        }

        if (Kind != other.Kind)
        {
            return Kind.CompareTo(other.Kind);
        }

        return Id != other.Id ? Id.CompareTo(other.Id) : Sequence.CompareTo(other.Sequence);
    }

    public static bool operator <(SimulationEvent left, SimulationEvent right) => left.CompareTo(right) < 0;

    public static bool operator >(SimulationEvent left, SimulationEvent right) => left.CompareTo(right) > 0;

    public static bool operator <=(SimulationEvent left, SimulationEvent right) => left.CompareTo(right) <= 0;

    public static bool operator >=(SimulationEvent left, SimulationEvent right) => left.CompareTo(right) >= 0;
}
