namespace HealthWatch.Runtime.Engines.Managed.Validation;

/// <summary>
/// The operand stack of the validation algorithm: value types only, with <see cref="Unknown"/> standing for
/// any type in stack-polymorphic (unreachable) code.
/// See https://webassembly.github.io/spec/core/appendix/algorithm.html.
/// </summary>
internal sealed class OperandStack
{
    /// <summary>The type of an operand popped past the bottom of an unreachable frame: it matches every type.</summary>
    public const ValType Unknown = 0;

    private ValType[] _items = new ValType[64];

    public int Count { get; private set; }

    public void Push(ValType type)
    {
        if (Count == _items.Length)
        {
            Array.Resize(ref _items, _items.Length * 2);
        }

        _items[Count++] = type;
    }

    public ValType Pop() => _items[--Count];

    /// <summary>The operand <paramref name="depth"/> places below the top (0 is the top).</summary>
    public ValType Peek(int depth) => _items[Count - 1 - depth];

    /// <summary>Drops operands down to <paramref name="height"/> (used when code becomes unreachable).</summary>
    public void Truncate(int height) => Count = height;

    public void Clear() => Count = 0;
}
