using System.Reflection;
using System.Reflection.Emit;
using HealthWatch.Runtime.Engines.Managed.Execution;

namespace HealthWatch.Runtime.Engines.Managed.Compilation;

/// <summary>
/// Function entry and exit, per docs/managed-engine.md ("Limits in generated code"): the stack, call-depth, fuel
/// and interrupt checks, the instance members loaded once at entry, and the return sequence that gives back the
/// call depth. Traps are <c>throw Trap.Create(code)</c> so that the JIT keeps them out of the hot path.
/// </summary>
internal sealed partial class FunctionCompiler
{
    private void EmitPrologue()
    {
        _instance = _il.DeclareLocal(typeof(ModuleInstance));
        _state = _il.DeclareLocal(typeof(ExecutionState));
        var probe = _il.DeclareLocal(typeof(int));
        _il.LoadArgument(ContextArgument);
        EmitCallHelper(Members.AsModuleInstance);
        _il.Emit(OpCodes.Stloc, _instance);
        _il.Emit(OpCodes.Ldloc, _instance);
        EmitField(OpCodes.Ldfld, Members.InstanceState);
        _il.Emit(OpCodes.Stloc, _state);

        // The address of a local is (close to) the stack pointer: the frame must begin above StackLimit.
        _il.Emit(OpCodes.Ldloca, probe);
        _il.Emit(OpCodes.Conv_U);
        _il.Emit(OpCodes.Ldloc, _state);
        EmitField(OpCodes.Ldfld, Members.StateStackLimit);
        TrapUnless(OpCodes.Bge_Un, TrapCode.CallStackExhausted);

        _il.Emit(OpCodes.Ldloc, _state);
        EmitField(OpCodes.Ldfld, Members.StateCallDepth);
        if (_scan.MakesCalls)
        {
            _depth = _il.DeclareLocal(typeof(int));
            CountDownCallDepth(_depth);
        }
        else
        {
            // A leaf checks the depth but leaves it alone: nothing it runs reads it, and nothing needs it given back.
            _il.LoadConstant(0);
            TrapUnless(OpCodes.Bgt, TrapCode.CallStackExhausted);
        }

        if (_osrLoop == 0)
        {
            EmitCheckPoint(fuelInLocal: false);
        }

        LoadInstanceMembers();
        if (_osrLoop > 0)
        {
            EmitOsrEntry();
        }
    }

    /// <summary>
    /// Fuel for the code up to the next check point and the interrupt: at entry and at every loop header. With
    /// fuel, one comparison with <see cref="ExecutionState.FuelFloor"/> checks both; without (or with nothing to
    /// charge), the floor is tested for non-zero. With <paramref name="fuelInLocal"/> the fuel is counted in
    /// <see cref="_fuel"/> and the result stored to the state, which stays exact, unless the fuel is only in the local
    /// there (<see cref="ControlFrame.FuelOnlyInLocal"/>); without, it is read from the state.
    /// </summary>
    private void EmitCheckPoint(bool fuelInLocal)
    {
        var cost = _scan.Costs[_loopCount];
        if (_context.Settings.ConsumeFuel && cost > 0)
        {
            if (fuelInLocal)
            {
                _il.Emit(OpCodes.Ldloc, _fuel!);
                CountDownFuel(_fuel!, cost, storeIfAbove: !FuelOnlyInLocal);
                return;
            }

            _il.Emit(OpCodes.Ldloc, _state);
            EmitField(OpCodes.Ldfld, Members.StateFuel);
            var fuel = RentTemp(typeof(long));
            CountDownFuel(fuel, cost, storeIfAbove: true);
            ReturnTemp(fuel);
            return;
        }

        _il.Emit(OpCodes.Ldloc, _state);
        _il.Emit(OpCodes.Volatile);
        EmitField(OpCodes.Ldfld, Members.StateFuelFloor);
        TrapUnless(OpCodes.Brfalse, TrapCode.Interrupted);
    }

    /// <summary>
    /// With the call depth left on the stack: <c>depth -= 1</c>, stored to the state, and
    /// <c>throw Trap.Create(CallStackExhausted)</c> if it is negative. The test comes right after the subtraction, so
    /// that the JIT branches on its flags, and both paths store, so that the state is exact either way.
    /// </summary>
    private void CountDownCallDepth(LocalBuilder depth)
    {
        var ok = _il.DefineLabel();
        _il.LoadConstant(1);
        _il.Emit(OpCodes.Sub);
        _il.Emit(OpCodes.Stloc, depth);
        _il.Emit(OpCodes.Ldloc, depth);
        _il.LoadConstant(0);
        _il.Emit(OpCodes.Bge, ok);
        StoreToState(depth, Members.StateCallDepth);
        ThrowTrap(TrapCode.CallStackExhausted);
        _il.MarkLabel(ok);
        StoreToState(depth, Members.StateCallDepth);
    }

    /// <summary>
    /// With the fuel on the stack: <c>fuel -= cost</c>; if it is below the floor, store it to the state and throw
    /// <see cref="TrapCode.OutOfFuel"/> when negative, else <see cref="TrapCode.Interrupted"/>; if not, store it when
    /// <paramref name="storeIfAbove"/>.
    /// </summary>
    private void CountDownFuel(LocalBuilder fuel, long cost, bool storeIfAbove)
    {
        var ok = _il.DefineLabel();
        var outOfFuel = _il.DefineLabel();
        _il.LoadConstant(cost);
        _il.Emit(OpCodes.Sub);
        _il.Emit(OpCodes.Stloc, fuel);
        _il.Emit(OpCodes.Ldloc, fuel);
        _il.Emit(OpCodes.Ldloc, _state);
        _il.Emit(OpCodes.Volatile);
        EmitField(OpCodes.Ldfld, Members.StateFuelFloor);
        _il.Emit(OpCodes.Bge, ok);
        StoreToState(fuel, Members.StateFuel);
        _il.Emit(OpCodes.Ldloc, fuel);
        _il.LoadConstant(0L);
        _il.Emit(OpCodes.Blt, outOfFuel);
        ThrowTrap(TrapCode.Interrupted);
        _il.MarkLabel(outOfFuel);
        ThrowTrap(TrapCode.OutOfFuel);
        _il.MarkLabel(ok);
        if (storeIfAbove)
        {
            StoreToState(fuel, Members.StateFuel);
        }
    }

    /// <summary>Where code that kept the fuel only in <see cref="_fuel"/> hands on to code that reads it from the state.</summary>
    private void StoreFuelToState() => StoreToState(_fuel!, Members.StateFuel);

    /// <summary><c>state.field = value</c>: a count-down stores on both of its paths, so that the state is exact on either.</summary>
    private void StoreToState(LocalBuilder value, FieldInfo field)
    {
        _il.Emit(OpCodes.Ldloc, _state);
        _il.Emit(OpCodes.Ldloc, value);
        EmitField(OpCodes.Stfld, field);
    }

    /// <summary>
    /// Before a loop of <see cref="FunctionScan.FuelInLocal"/>: copies the fuel from the state into <see cref="_fuel"/>,
    /// which the loop's check point then counts down. Nothing else changes the fuel while such a loop runs (it makes
    /// no call), and the loop so does not wait each iteration for its own store to come back from memory. Only loops
    /// with few locals and no call: in others the local would cost the JIT a register that their own values need
    /// (spills), or be live across calls (a callee-saved register, pushed and popped by every call of the function).
    /// Loops inside such a loop load it again at their entry, which also serves an on-stack-replacement entry there,
    /// but not inside a loop that keeps the fuel only in the local (the state's is out of date there).
    /// </summary>
    private void LoadFuelLocal()
    {
        _fuel ??= _il.DeclareLocal(typeof(long));
        _il.Emit(OpCodes.Ldloc, _state);
        EmitField(OpCodes.Ldfld, Members.StateFuel);
        _il.Emit(OpCodes.Stloc, _fuel);
    }

    /// <summary>Loads the memory, globals, tables and imported functions the body uses into locals, once.</summary>
    private void LoadInstanceMembers()
    {
        if (_scan.UsesMemory)
        {
            _memory = _il.DeclareLocal(typeof(MemoryInstance));
            _il.Emit(OpCodes.Ldloc, _instance);
            EmitField(OpCodes.Ldfld, Members.InstanceMemory);
            _il.Emit(OpCodes.Stloc, _memory);
            _buffer = _il.DeclareLocal(typeof(byte[]));
            ReloadBuffer();
        }

        LoadElements(_scan.Globals, Members.InstanceGlobals, typeof(GlobalInstance), _globals);
        LoadElements(_scan.Tables, Members.InstanceTables, typeof(TableInstance), _tables);
        LoadElements(_scan.ImportedCalls, Members.InstanceFunctions, typeof(FunctionInstance), _imports);
    }

    private void LoadElements(SortedSet<int> indices, FieldInfo array, Type elementType, Dictionary<int, LocalBuilder> locals)
    {
        foreach (var index in indices)
        {
            // CIL allows 65,535 locals; past the budget, members are read from the instance at each use.
            if (_locals.Length + _globals.Count + _tables.Count + _imports.Count >= CachedLocalsBudget)
            {
                return;
            }

            var local = _il.DeclareLocal(elementType);
            _il.Emit(OpCodes.Ldloc, _instance);
            EmitField(OpCodes.Ldfld, array);
            _il.LoadConstant(index);
            _il.Emit(OpCodes.Ldelem_Ref);
            _il.Emit(OpCodes.Stloc, local);
            locals[index] = local;
        }
    }

    private void LoadGlobal(int index) => LoadCached(_globals, Members.InstanceGlobals, index);

    private void LoadTable(int index) => LoadCached(_tables, Members.InstanceTables, index);

    /// <summary>Pushes a global, table or function instance: from its local if the prologue loaded one, else from the instance.</summary>
    private void LoadCached(Dictionary<int, LocalBuilder> locals, FieldInfo array, int index)
    {
        if (locals.TryGetValue(index, out var local))
        {
            _il.Emit(OpCodes.Ldloc, local);
        }
        else
        {
            LoadElementOf(array, index);
        }
    }

    /// <summary>
    /// With the results on the stack: give back the call depth taken at entry, pack several results, return. The
    /// depth is stored from <see cref="_depth"/> rather than read, incremented and written back: a read-modify-write
    /// of the state at every return, followed by the next call's read, made recursive calls about 15% slower.
    /// </summary>
    private void EmitReturnSequence()
    {
        if (_depth is not null)
        {
            _il.Emit(OpCodes.Ldloc, _state);
            _il.Emit(OpCodes.Ldloc, _depth);
            _il.LoadConstant(1);
            _il.Emit(OpCodes.Add);
            EmitField(OpCodes.Stfld, Members.StateCallDepth);
        }

        if (_type.Results.Count > 1)
        {
            ClrTypes.EmitPackTuple(_il, ClrTypes.ReturnType(_type.Results));
        }

        _il.Emit(OpCodes.Ret);
    }

    /// <summary><c>throw Trap.Create(code)</c>.</summary>
    private void ThrowTrap(TrapCode code)
    {
        _il.LoadConstant((int)code);
        EmitCallHelper(Members.TrapCreate);
        _il.Emit(OpCodes.Throw);
    }

    /// <summary>Emits <paramref name="branchIfOk"/> over a trap: the value(s) it tests must be on the stack.</summary>
    private void TrapUnless(OpCode branchIfOk, TrapCode code)
    {
        var ok = _il.DefineLabel();
        _il.Emit(branchIfOk, ok);
        ThrowTrap(code);
        _il.MarkLabel(ok);
    }
}
