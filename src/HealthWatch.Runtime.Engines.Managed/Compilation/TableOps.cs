using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using HealthWatch.Runtime.Engines.Managed.Execution;

namespace HealthWatch.Runtime.Engines.Managed.Compilation;

/// <summary>
/// Table instructions and the <c>call_indirect</c> lookup
/// (https://webassembly.github.io/spec/core/exec/instructions.html#table-instructions). Bulk operations check
/// the whole range before touching anything.
/// </summary>
internal static class TableOps
{
    /// <summary><c>table.get</c>; <typeparamref name="T"/> is the element's CLR type (funcref elements are <see cref="FunctionInstance"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T? Get<T>(int index, TableInstance table)
        where T : class
    {
        var elements = table.Elements;
        if ((uint)index >= (uint)elements.Length)
        {
            throw Trap.Create(TrapCode.TableOutOfBounds);
        }

        return Unsafe.As<T>(Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(elements), index));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Set(int index, object? value, TableInstance table)
    {
        var elements = table.Elements;
        if ((uint)index >= (uint)elements.Length)
        {
            throw Trap.Create(TrapCode.TableOutOfBounds);
        }

        Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(elements), index) = value;
    }

    public static void Fill(int start, object? value, int count, TableInstance table)
    {
        CheckRange(start, count, table.Elements.Length);
        table.Elements.AsSpan(start, count).Fill(value);
    }

    public static void Copy(int destination, int source, int count, TableInstance destinationTable, TableInstance sourceTable)
    {
        CheckRange(source, count, sourceTable.Elements.Length);
        CheckRange(destination, count, destinationTable.Elements.Length);
        Array.Copy(sourceTable.Elements, source, destinationTable.Elements, destination, count);
    }

    /// <summary><c>table.init</c> from an element segment (empty once dropped).</summary>
    public static void Init(int destination, int source, int count, TableInstance table, object?[] segment)
    {
        CheckRange(source, count, segment.Length);
        CheckRange(destination, count, table.Elements.Length);
        Array.Copy(segment, source, table.Elements, destination, count);
    }

    /// <summary>The callee of <c>call_indirect</c>, with the spec's three checks in order.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static FunctionInstance ResolveIndirect(int index, TableInstance table, int expectedTypeId)
    {
        var elements = table.Elements;
        if ((uint)index >= (uint)elements.Length)
        {
            throw Trap.Create(TrapCode.UndefinedElement);
        }

        var function = Unsafe.As<FunctionInstance?>(Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(elements), index));
        if (function is null)
        {
            throw Trap.Create(TrapCode.UninitializedElement);
        }

        return function.TypeId == expectedTypeId ? function : throw Trap.Create(TrapCode.IndirectCallTypeMismatch);
    }

    private static void CheckRange(int start, int count, int length)
    {
        if ((ulong)(uint)start + (uint)count > (ulong)length)
        {
            throw Trap.Create(TrapCode.TableOutOfBounds);
        }
    }
}
