using System.Reflection.Emit;

namespace HealthWatch.Runtime.Engines.Managed.Compilation;

/// <summary>
/// Calls, per the calling convention in docs/managed-engine.md: a function of this module is a direct
/// <c>call</c> passing the context on; anything else is a <c>calli</c> of a <see cref="Execution.FunctionInstance"/>'s
/// code with its context. Several results come back as a ValueTuple and are unpacked onto the stack.
/// </summary>
internal sealed partial class FunctionCompiler
{
    private void EmitCall(int functionIndex)
    {
        var type = _context.FunctionTypes[functionIndex];
        PopMany(type.Parameters.Count);
        var imported = _context.Module.ImportedFunctionCount;
        if (functionIndex >= imported)
        {
            _il.LoadArgument(ContextArgument);
            _il.Emit(OpCodes.Call, _context.Methods[functionIndex - imported]);
        }
        else if (_imports.TryGetValue(functionIndex, out var cached))
        {
            EmitCallThrough(cached, type);
        }
        else
        {
            var callee = RentTemp(typeof(Execution.FunctionInstance));
            LoadElementOf(Members.InstanceFunctions, functionIndex);
            _il.Emit(OpCodes.Stloc, callee);
            EmitCallThrough(callee, type);
            ReturnTemp(callee);
        }

        PushResults(type);
    }

    private void EmitCallIndirect(int typeIndex, int tableIndex)
    {
        var type = _context.Module.Types[typeIndex];
        Pop();
        LoadTable(tableIndex);
        _il.LoadConstant(_context.Settings.Types.GetId(type));
        EmitCallHelper(ResolveIndirect);
        var callee = RentTemp(typeof(Execution.FunctionInstance));
        _il.Emit(OpCodes.Stloc, callee);
        PopMany(type.Parameters.Count);
        EmitCallThrough(callee, type);
        ReturnTemp(callee);
        PushResults(type);
    }

    /// <summary>With the arguments on the stack: <c>calli</c> <paramref name="function"/>.Code with its Context.</summary>
    private void EmitCallThrough(LocalBuilder function, FuncType type)
    {
        _il.Emit(OpCodes.Ldloc, function);
        EmitField(OpCodes.Ldfld, Members.FunctionContext);
        _il.Emit(OpCodes.Ldloc, function);
        EmitField(OpCodes.Ldfld, Members.FunctionCode);
        _il.Emit(OpCodes.Call, _context.IndirectCaller(type));
    }

    /// <summary>After a call: refresh the memory buffer (the callee may have grown it), then push the results.</summary>
    private void PushResults(FuncType type)
    {
        ReloadBuffer();
        if (type.Results.Count > 1)
        {
            var tuple = RentTemp(ClrTypes.ReturnType(type.Results));
            ClrTypes.EmitUnpackTuple(_il, tuple);
            ReturnTemp(tuple);
        }

        PushMany(type.Results);
    }
}
