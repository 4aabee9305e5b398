using System.Reflection;
using System.Reflection.Emit;
using HealthWatch.Runtime.Engines.Managed.Execution;
using HealthWatch.Runtime.Engines.Managed.Instructions;

namespace HealthWatch.Runtime.Engines.Managed.Compilation;

/// <summary>Table and reference instructions; bounds checks live in <see cref="TableOps"/>.</summary>
internal sealed partial class FunctionCompiler
{
    private static readonly MethodInfo TableGetFunction = Members.Static(typeof(TableOps), nameof(TableOps.Get)).MakeGenericMethod(typeof(FunctionInstance));
    private static readonly MethodInfo TableGetExtern = Members.Static(typeof(TableOps), nameof(TableOps.Get)).MakeGenericMethod(typeof(object));
    private static readonly MethodInfo TableSet = Members.Static(typeof(TableOps), nameof(TableOps.Set));
    private static readonly MethodInfo TableFill = Members.Static(typeof(TableOps), nameof(TableOps.Fill));
    private static readonly MethodInfo TableCopy = Members.Static(typeof(TableOps), nameof(TableOps.Copy));
    private static readonly MethodInfo TableInit = Members.Static(typeof(TableOps), nameof(TableOps.Init));
    private static readonly MethodInfo ResolveIndirect = Members.Static(typeof(TableOps), nameof(TableOps.ResolveIndirect));

    private void EmitTableOrReference(Opcode op, ref WasmReader reader)
    {
        switch (op)
        {
            case Opcode.TableGet:
                var getTable = (int)reader.ReadVarU32();
                var elementType = _context.TableElementTypes[getTable];
                Pop();
                LoadTable(getTable);
                EmitCallHelper(elementType == ValType.FuncRef ? TableGetFunction : TableGetExtern);
                Push(elementType);
                break;
            case Opcode.TableSet:
                PopMany(2);
                LoadTable((int)reader.ReadVarU32());
                EmitCallHelper(TableSet);
                break;
            case Opcode.TableSize:
                LoadTable((int)reader.ReadVarU32());
                EmitField(OpCodes.Ldfld, Members.TableElements);
                _il.Emit(OpCodes.Ldlen);
                _il.Emit(OpCodes.Conv_I4);
                Push(ValType.I32);
                break;
            case Opcode.TableGrow:
                EmitTableGrow((int)reader.ReadVarU32());
                break;
            case Opcode.TableFill:
                PopMany(3);
                LoadTable((int)reader.ReadVarU32());
                EmitCallHelper(TableFill);
                break;
            case Opcode.TableCopy:
                PopMany(3);
                LoadTable((int)reader.ReadVarU32());
                LoadTable((int)reader.ReadVarU32());
                EmitCallHelper(TableCopy);
                break;
            case Opcode.TableInit:
                var segment = (int)reader.ReadVarU32();
                PopMany(3);
                LoadTable((int)reader.ReadVarU32());
                LoadElementOf(Members.InstanceElementSegments, segment);
                EmitCallHelper(TableInit);
                break;
            case Opcode.ElemDrop:
                DropSegment(Members.InstanceElementSegments, (int)reader.ReadVarU32(), Members.EmptyObjects);
                break;
            case Opcode.RefNull:
                _il.Emit(OpCodes.Ldnull);
                Push(reader.ReadRefType());
                break;
            case Opcode.RefIsNull:
                Pop();
                _il.Emit(OpCodes.Ldnull);
                _il.Emit(OpCodes.Ceq);
                Push(ValType.I32);
                break;
            default:
                LoadElementOf(Members.InstanceFunctions, (int)reader.ReadVarU32());
                Push(ValType.FuncRef);
                break;
        }
    }

    /// <summary><c>table.grow</c>: (init, delta) -> old size or -1, via the runtime's <c>TableInstance.Grow</c>.</summary>
    private void EmitTableGrow(int tableIndex)
    {
        PopMany(2);
        var delta = RentTemp(ValType.I32);
        var init = RentTemp(typeof(object));
        _il.Emit(OpCodes.Stloc, delta);
        _il.Emit(OpCodes.Stloc, init);
        LoadTable(tableIndex);
        _il.Emit(OpCodes.Ldloc, delta);
        _il.Emit(OpCodes.Ldloc, init);
        EmitCallHelper(Members.TableGrow);
        _il.Emit(OpCodes.Conv_I4);
        ReturnTemp(delta);
        ReturnTemp(init);
        Push(ValType.I32);
    }
}
