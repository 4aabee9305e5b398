namespace HealthWatch.Runtime.Engines.Managed.Interpretation;

/// <summary>
/// Interpreter stacks reused from one store to the next (per engine), as linear memories are: a probe run's store
/// interprets its module's functions until they are compiled, and would otherwise allocate a stack every run.
/// </summary>
internal sealed class InterpreterStackPool
{
    /// <summary>Stacks kept at most; more are left to the GC.</summary>
    public const int Capacity = 32;

    /// <summary>Stacks that grew past this many slots (deep recursion) are not kept.</summary>
    public const int MaxPooledSlots = 4096;

    private readonly Stack<InterpreterStack> _free = new();

    /// <summary>How many stacks the pool holds now.</summary>
    public int Count
    {
        get
        {
            lock (_free)
            {
                return _free.Count;
            }
        }
    }

    public InterpreterStack Rent()
    {
        lock (_free)
        {
            return _free.Count > 0 ? _free.Pop() : new InterpreterStack();
        }
    }

    /// <summary>
    /// Takes back a stack no code runs on any more (its store is sealed). Its references are cleared, so that the
    /// pool keeps no guest or host object alive; its numbers are not: every slot is written before it is read.
    /// </summary>
    public void Return(InterpreterStack stack)
    {
        if (stack.Slots.Length > MaxPooledSlots)
        {
            return;
        }

        stack.Truncate(0);
        stack.Top = 0;
        Array.Clear(stack.References);
        lock (_free)
        {
            if (_free.Count < Capacity)
            {
                _free.Push(stack);
            }
        }
    }
}
