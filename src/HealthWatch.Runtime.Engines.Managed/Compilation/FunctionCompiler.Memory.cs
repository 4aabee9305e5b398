using System.Reflection;
using System.Reflection.Emit;
using HealthWatch.Runtime.Engines.Managed.Instructions;

namespace HealthWatch.Runtime.Engines.Managed.Compilation;

/// <summary>
/// Memory instructions. Loads and stores call the bounds-checked <see cref="MemoryOps"/> accessors with the
/// buffer and the offset as a constant. The buffer is kept in a local: growth replaces it, so the local is
/// reloaded after <c>memory.grow</c> and after every call (the callee, or a host function, may grow the memory).
/// </summary>
internal sealed partial class FunctionCompiler
{
    private static readonly MethodInfo MemoryFill = Members.Static(typeof(MemoryOps), nameof(MemoryOps.Fill));
    private static readonly MethodInfo MemoryCopy = Members.Static(typeof(MemoryOps), nameof(MemoryOps.Copy));
    private static readonly MethodInfo MemoryInit = Members.Static(typeof(MemoryOps), nameof(MemoryOps.Init));

    /// <summary>Per load/store opcode (from <see cref="Opcode.I32Load"/>): the accessor and the value type.</summary>
    private static readonly (MethodInfo Method, ValType Type)[] Accessors =
    [
        Accessor(nameof(MemoryOps.LoadI32), ValType.I32),
        Accessor(nameof(MemoryOps.LoadI64), ValType.I64),
        Accessor(nameof(MemoryOps.LoadF32), ValType.F32),
        Accessor(nameof(MemoryOps.LoadF64), ValType.F64),
        Accessor(nameof(MemoryOps.LoadI32S8), ValType.I32),
        Accessor(nameof(MemoryOps.LoadI32U8), ValType.I32),
        Accessor(nameof(MemoryOps.LoadI32S16), ValType.I32),
        Accessor(nameof(MemoryOps.LoadI32U16), ValType.I32),
        Accessor(nameof(MemoryOps.LoadI64S8), ValType.I64),
        Accessor(nameof(MemoryOps.LoadI64U8), ValType.I64),
        Accessor(nameof(MemoryOps.LoadI64S16), ValType.I64),
        Accessor(nameof(MemoryOps.LoadI64U16), ValType.I64),
        Accessor(nameof(MemoryOps.LoadI64S32), ValType.I64),
        Accessor(nameof(MemoryOps.LoadI64U32), ValType.I64),
        Accessor(nameof(MemoryOps.StoreI32), ValType.I32),
        Accessor(nameof(MemoryOps.StoreI64), ValType.I64),
        Accessor(nameof(MemoryOps.StoreF32), ValType.F32),
        Accessor(nameof(MemoryOps.StoreF64), ValType.F64),
        Accessor(nameof(MemoryOps.StoreI32As8), ValType.I32),
        Accessor(nameof(MemoryOps.StoreI32As16), ValType.I32),
        Accessor(nameof(MemoryOps.StoreI64As8), ValType.I64),
        Accessor(nameof(MemoryOps.StoreI64As16), ValType.I64),
        Accessor(nameof(MemoryOps.StoreI64As32), ValType.I64),
    ];

    private void EmitMemory(Opcode op, ref WasmReader reader)
    {
        switch (op)
        {
            case >= Opcode.I32Load and <= Opcode.I64Store32:
                var (method, type) = Accessors[op - Opcode.I32Load];
                var offset = reader.ReadMemArg().Offset;
                var isLoad = op <= Opcode.I64Load32U;
                PopMany(isLoad ? 1 : 2);
                LoadBuffer();
                _il.LoadConstant((long)offset);
                EmitCallHelper(method);
                if (isLoad)
                {
                    Push(type);
                }

                break;
            case Opcode.MemorySize:
                reader.ReadByte();
                LoadBuffer();
                _il.Emit(OpCodes.Ldlen);
                _il.Emit(OpCodes.Conv_I4);
                _il.LoadConstant(16);
                _il.Emit(OpCodes.Shr_Un);
                Push(ValType.I32);
                break;
            case Opcode.MemoryGrow:
                reader.ReadByte();
                var delta = RentTemp(ValType.I32);
                _il.Emit(OpCodes.Stloc, delta);
                _il.Emit(OpCodes.Ldloc, _memory!);
                _il.Emit(OpCodes.Ldloc, delta);
                EmitCallHelper(Members.MemoryGrow);
                _il.Emit(OpCodes.Conv_I4);
                ReturnTemp(delta);
                ReloadBuffer();
                break;
            case Opcode.MemoryInit:
                var segment = (int)reader.ReadVarU32();
                reader.ReadByte();
                PopMany(3);
                LoadBuffer();
                LoadElementOf(Members.InstanceDataSegments, segment);
                EmitCallHelper(MemoryInit);
                break;
            case Opcode.DataDrop:
                DropSegment(Members.InstanceDataSegments, (int)reader.ReadVarU32(), Members.EmptyBytes);
                break;
            case Opcode.MemoryCopy:
                reader.ReadByte();
                reader.ReadByte();
                PopMany(3);
                LoadBuffer();
                EmitCallHelper(MemoryCopy);
                break;
            default:
                reader.ReadByte();
                PopMany(3);
                LoadBuffer();
                EmitCallHelper(MemoryFill);
                break;
        }
    }

    private static (MethodInfo, ValType) Accessor(string name, ValType type) => (Members.Static(typeof(MemoryOps), name), type);

    private void LoadBuffer() => _il.Emit(OpCodes.Ldloc, _buffer!);

    /// <summary>Refreshes the buffer local from the memory, if the function uses memory.</summary>
    private void ReloadBuffer()
    {
        if (_buffer is null)
        {
            return;
        }

        _il.Emit(OpCodes.Ldloc, _memory!);
        EmitField(OpCodes.Ldfld, Members.MemoryBuffer);
        _il.Emit(OpCodes.Stloc, _buffer);
    }

    /// <summary>Pushes <c>instance.<paramref name="array"/>[<paramref name="index"/>]</c>.</summary>
    private void LoadElementOf(FieldInfo array, int index)
    {
        _il.Emit(OpCodes.Ldloc, _instance);
        EmitField(OpCodes.Ldfld, array);
        _il.LoadConstant(index);
        _il.Emit(OpCodes.Ldelem_Ref);
    }

    /// <summary><c>data.drop</c> / <c>elem.drop</c>: the segment becomes empty.</summary>
    private void DropSegment(FieldInfo segments, int index, MethodInfo empty)
    {
        _il.Emit(OpCodes.Ldloc, _instance);
        EmitField(OpCodes.Ldfld, segments);
        _il.LoadConstant(index);
        EmitCallHelper(empty);
        _il.Emit(OpCodes.Stelem_Ref);
    }
}
