using HealthWatch.Runtime.Engines.Managed.Interpretation;

namespace HealthWatch.Runtime.Engines.Managed.Tests.Interpretation;

public class InterpreterStackPoolTests
{
    [Test]
    public void Rent_AfterReturn_GivesTheSameStackWithNoReferencesLeft()
    {
        var pool = new InterpreterStackPool();
        var stack = pool.Rent();
        stack.Ensure(100);
        stack.References[42] = new object();
        stack.Top = 50;

        pool.Return(stack);
        var again = pool.Rent();

        again.Should().BeSameAs(stack);
        again.References.Should().OnlyContain(r => r == null);
        again.Top.Should().Be(0);
        again.FrameCount.Should().Be(0);
    }

    [Test]
    public void Return_StackGrownPastTheLimit_IsNotKept()
    {
        var pool = new InterpreterStackPool();
        var stack = pool.Rent();
        stack.Ensure(InterpreterStackPool.MaxPooledSlots + 1);

        pool.Return(stack);

        pool.Count.Should().Be(0);
        pool.Rent().Should().NotBeSameAs(stack);
    }

    [Test]
    public void Return_MoreThanTheCapacity_KeepsOnlyTheCapacity()
    {
        var pool = new InterpreterStackPool();

        for (var i = 0; i < InterpreterStackPool.Capacity + 5; i++)
        {
            pool.Return(new InterpreterStack());
        }

        pool.Count.Should().Be(InterpreterStackPool.Capacity);
    }
}
