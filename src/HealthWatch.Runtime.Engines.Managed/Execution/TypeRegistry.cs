using System.Collections.Concurrent;

namespace HealthWatch.Runtime.Engines.Managed.Execution;

/// <summary>
/// Gives each distinct function type an engine-wide id, so that <c>call_indirect</c> checks a signature with
/// one integer comparison that generated code can embed as a constant.
/// </summary>
internal sealed class TypeRegistry
{
    private readonly ConcurrentDictionary<FuncType, int> _ids = new();
    private readonly ConcurrentDictionary<int, FuncType> _types = new();
    private int _next;

    // The factory takes the registry as its argument rather than capturing it, so that a lookup allocates nothing.
    public int GetId(FuncType type) => _ids.GetOrAdd(type, static (t, self) =>
    {
        var id = Interlocked.Increment(ref self._next);
        self._types[id] = t;
        return id;
    }, this);

    public FuncType GetType(int id) => _types[id];
}
