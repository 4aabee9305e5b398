namespace HealthWatch.Runtime.Engines;

/// <summary>Resource limits a store enforces on everything running in it. Immutable; use <c>with</c> to derive.</summary>
public sealed record WasmStoreLimits
{
    /// <summary>The defaults: unlimited fuel, 16,384 pages (1 GiB) of memory, 10,000 tables of 10,000,000 elements, 10,000 nested calls.</summary>
    public static WasmStoreLimits Default { get; } = new();

    /// <summary>Fuel to start with, consumed roughly one unit per instruction; null for unlimited.</summary>
    public long? Fuel { get; init; }

    /// <summary>The most 64 KiB pages any one memory may have; <c>memory.grow</c> past it returns -1.</summary>
    public uint MaxMemoryPages { get; init; } = 16384;

    /// <summary>The most elements any one table may have; <c>table.grow</c> past it returns -1.</summary>
    public uint MaxTableElements { get; init; } = 10_000_000;

    /// <summary>
    /// The most tables the store may hold, those its instances define and those the host creates together; one
    /// more fails instantiation (or table creation) with <see cref="TrapCode.ResourceLimitExceeded"/>. With <see cref="MaxTableElements"/>
    /// it bounds the memory all tables take, which a limit per table alone does not.
    /// </summary>
    public uint MaxTables { get; init; } = 10_000;

    /// <summary>The most nested WebAssembly calls; one more traps with <see cref="TrapCode.CallStackExhausted"/>.</summary>
    public int MaxCallDepth { get; init; } = 10_000;

    /// <summary>Throws if a limit is out of range.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A limit is negative or zero where it must be positive.</exception>
    public void Validate()
    {
        if (Fuel is < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(Fuel), Fuel, "Fuel must be zero or more.");
        }

        if (MaxCallDepth <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxCallDepth), MaxCallDepth, "The call depth limit must be positive.");
        }
    }
}
