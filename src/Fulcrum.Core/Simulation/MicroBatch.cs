using Fulcrum.Performance;

namespace Fulcrum.Simulation;

/// <summary>
/// One engine step of one replica: which requests it advances by how many tokens, and its aggregate
/// <see cref="StepBatch"/> for pricing. Instances are pooled per replica and reused step after step.
/// </summary>
internal sealed class MicroBatch(int capacity)
{
    private readonly int[] requests = new int[capacity];
    private readonly int[] tokens = new int[capacity];
    private StepBatch step;

    public int Count { get; private set; }

    public StepBatch Step => step;

    /// <summary>Requests this step schedules for the first time (their queueing ends here).</summary>
    public int FirstAdmissions { get; set; }

    /// <summary>When the last stage finishes the step, simulated seconds.</summary>
    public double CompletionTime { get; set; }

    public int RequestAt(int index) => requests[index];

    public int TokensAt(int index) => tokens[index];

    public void Clear()
    {
        Count = 0;
        FirstAdmissions = 0;
        step = default;
    }

    /// <summary>Adds <paramref name="newTokens"/> tokens of <paramref name="request"/>, classed as a decode or a prefill chunk.</summary>
    public void Add(int id, int newTokens, in RequestState request)
    {
        requests[Count] = id;
        tokens[Count] = newTokens;
        Count++;
        if (newTokens == 1 && request.IsDecode)
        {
            step.AddDecode(request.Computed + 1);
        }
        else
        {
            step.AddPrefill(newTokens, request.Computed, request.Computed + newTokens == request.Tokens);
        }
    }
}
