namespace Fulcrum.Simulation;

/// <summary>Growable ring buffer of request ids with pushes at both ends: the waiting queue, where preempted requests return to the front.</summary>
internal sealed class IntDeque
{
    private int[] items = new int[16];
    private int head;

    public int Count { get; private set; }

    public int PeekFront() => Count > 0 ? items[head] : throw new InvalidOperationException("The queue is empty.");

    public int PopFront()
    {
        var item = PeekFront();
        head = (head + 1) % items.Length;
        Count--;
        return item;
    }

    public void PushBack(int item)
    {
        Grow();
        items[(head + Count) % items.Length] = item;
        Count++;
    }

    public void PushFront(int item)
    {
        Grow();
        head = (head - 1 + items.Length) % items.Length;
        items[head] = item;
        Count++;
    }

    private void Grow()
    {
        if (Count < items.Length)
        {
            return;
        }

        var larger = new int[items.Length * 2];
        for (var i = 0; i < Count; i++)
        {
            larger[i] = items[(head + i) % items.Length];
        }

        items = larger;
        head = 0;
    }
}
