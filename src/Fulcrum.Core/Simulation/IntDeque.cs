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

    /// <summary>Removes the first occurrence of <paramref name="item"/>, keeping the order of the rest; false when it is absent. O(n).</summary>
    public bool Remove(int item)
    {
        for (var i = 0; i < Count; i++)
        {
            if (items[(head + i) % items.Length] != item)
            {
                continue;
            }

            for (var k = i; k < Count - 1; k++)
            {
                items[(head + k) % items.Length] = items[(head + k + 1) % items.Length];
            }

            Count--;
            return true;
        }

        return false;
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
