using Fulcrum.Simulation;

namespace Fulcrum.Tests.Simulation;

public class IntDequeTests
{
    [Fact]
    public void Remove_KeepsOrderAcrossWrap()
    {
        // Pushes at the front wrap the head around the end of the 16-slot buffer.
        var deque = new IntDeque();
        for (var i = 0; i < 10; i++)
        {
            deque.PushBack(i);
        }

        deque.PushFront(-1);
        deque.PushFront(-2);

        Assert.True(deque.Remove(-1));
        Assert.True(deque.Remove(5));
        Assert.False(deque.Remove(42));

        var drained = new List<int>();
        while (deque.Count > 0)
        {
            drained.Add(deque.PopFront());
        }

        Assert.Equal([-2, 0, 1, 2, 3, 4, 6, 7, 8, 9], drained);
    }
}
