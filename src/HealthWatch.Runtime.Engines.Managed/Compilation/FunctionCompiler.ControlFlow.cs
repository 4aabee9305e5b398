using System.Reflection.Emit;
using HealthWatch.Runtime.Engines.Managed.Instructions;

namespace HealthWatch.Runtime.Engines.Managed.Compilation;

/// <summary>
/// Structured control flow (https://webassembly.github.io/spec/core/exec/instructions.html#control-instructions).
/// Values stay on the CIL stack across labels: a block's parameters are simply the values on top at entry, and a
/// branch leaves exactly the target's base values plus the carried values. Only when other values sit between
/// them does a branch spill the carried values to temporaries, pop the rest and reload.
/// </summary>
internal sealed partial class FunctionCompiler
{
    private void EmitBlock(Opcode op, BlockType blockType)
    {
        var (parameters, results) = _context.BlockSignature(blockType);
        var height = _stack.Count - parameters.Length;
        switch (op)
        {
            case Opcode.Block:
                _frames.Add(new ControlFrame(FrameKind.Block, parameters, results, height, _il.DefineLabel()) { FuelOnlyInLocal = FuelOnlyInLocal });
                break;
            case Opcode.Loop:
                // An on-stack-replacement entry comes in ahead of everything the loop's entry does.
                MarkOsrEntry(_loopCount + 1);
                // Inside a loop that counts fuel in the local, every loop must: the outer header counts on from it.
                var fuelInLocal = _context.Settings.ConsumeFuel
                    && (_scan.FuelInLocal.Contains(_loopCount) || _frames.Exists(f => f.FuelInLocal));
                if (fuelInLocal && !FuelOnlyInLocal)
                {
                    LoadFuelLocal();
                }

                // Not in an on-stack-replacement entry, which may come into an inner loop where nothing loaded the local.
                var onlyInLocal = FuelOnlyInLocal
                    || (fuelInLocal && _osrLoop == 0 && _scan.FuelStoredOnExit.Contains(_loopCount));
                var header = _il.DefineLabel();
                _il.MarkLabel(header);
                _frames.Add(new ControlFrame(FrameKind.Loop, parameters, results, height, header) { FuelInLocal = fuelInLocal, FuelOnlyInLocal = onlyInLocal });
                _loopCount++;
                EmitCheckPoint(fuelInLocal);
                break;
            default:
                Pop();
                var elseLabel = _il.DefineLabel();
                _il.Emit(OpCodes.Brfalse, elseLabel);
                _frames.Add(new ControlFrame(FrameKind.If, parameters, results, height - 1, _il.DefineLabel())
                {
                    ElseLabel = elseLabel,
                    FuelOnlyInLocal = FuelOnlyInLocal,
                });
                break;
        }
    }

    private void EmitElse()
    {
        var frame = _frames[^1];
        if (!_unreachable)
        {
            frame.EndReachable = true;
            _il.Emit(OpCodes.Br, frame.Label);
        }

        _il.MarkLabel(frame.ElseLabel);
        frame.HasElse = true;
        ResetStack(frame.Height, frame.Parameters);
        _unreachable = false;
    }

    private void EmitEnd()
    {
        var frame = _frames[^1];
        _frames.RemoveAt(_frames.Count - 1);
        bool reachable;
        if (frame.Kind == FrameKind.Loop)
        {
            reachable = !_unreachable;
        }
        else
        {
            if (!_unreachable)
            {
                frame.EndReachable = true;
            }

            if (frame.Kind == FrameKind.If && !frame.HasElse)
            {
                // No else: the false case passes the parameters through as the results (validation made them equal).
                _il.MarkLabel(frame.ElseLabel);
                frame.EndReachable = true;
            }

            reachable = frame.EndReachable;
            if (reachable)
            {
                _il.MarkLabel(frame.Label);
            }
        }

        ResetStack(frame.Height, frame.Results);
        // Falling out of a loop that kept the fuel only in the local (the function frame, the last, never does).
        if (reachable && frame.FuelOnlyInLocal && !FuelOnlyInLocal)
        {
            StoreFuelToState();
        }

        _unreachable = !reachable;
        if (frame.Kind == FrameKind.Function && reachable)
        {
            EmitReturnSequence();
        }
    }

    private void EmitBr(int depth)
    {
        EmitBranch(Frame(depth));
        _unreachable = true;
    }

    private void EmitBrIf(int depth)
    {
        Pop();
        var target = Frame(depth);
        if (Excess(target) == 0 && !LeavesFuelLocal(target))
        {
            Reach(target);
            _il.Emit(OpCodes.Brtrue, target.Label);
            return;
        }

        var notTaken = _il.DefineLabel();
        _il.Emit(OpCodes.Brfalse, notTaken);
        EmitBranch(target);
        _il.MarkLabel(notTaken);
    }

    private void EmitBrTable(ref WasmReader reader)
    {
        var count = (int)reader.ReadVarU32();
        var depths = new int[count];
        for (var i = 0; i < count; i++)
        {
            depths[i] = (int)reader.ReadVarU32();
        }

        var defaultDepth = (int)reader.ReadVarU32();
        Pop();

        // Targets that need values dropped or the fuel stored first go through one stub per distinct depth.
        var stubs = new Dictionary<int, Label>();
        var labels = new Label[count];
        for (var i = 0; i < count; i++)
        {
            var target = Frame(depths[i]);
            if (Excess(target) == 0 && !LeavesFuelLocal(target))
            {
                Reach(target);
                labels[i] = target.Label;
            }
            else if (!stubs.TryGetValue(depths[i], out labels[i]))
            {
                labels[i] = _il.DefineLabel();
                stubs[depths[i]] = labels[i];
            }
        }

        // switch takes the index as unsigned: anything past the table falls through to the default.
        _il.Emit(OpCodes.Switch, labels);
        EmitBranch(Frame(defaultDepth));
        foreach (var (depth, stub) in stubs)
        {
            _il.MarkLabel(stub);
            EmitBranch(Frame(depth));
        }

        _unreachable = true;
    }

    /// <summary>Branches to <paramref name="target"/> with its values on top of the stack; leaves <see cref="_stack"/> as it is.</summary>
    private void EmitBranch(ControlFrame target)
    {
        Reach(target);
        var excess = Excess(target);
        if (excess > 0)
        {
            var carried = target.BranchTypes.Length;
            var temps = new LocalBuilder[carried];
            for (var i = carried - 1; i >= 0; i--)
            {
                temps[i] = RentTemp(_stack[_stack.Count - carried + i]);
                _il.Emit(OpCodes.Stloc, temps[i]);
            }

            for (var i = 0; i < excess; i++)
            {
                _il.Emit(OpCodes.Pop);
            }

            foreach (var temp in temps)
            {
                _il.Emit(OpCodes.Ldloc, temp);
                ReturnTemp(temp);
            }
        }

        if (LeavesFuelLocal(target))
        {
            StoreFuelToState();
        }

        _il.Emit(OpCodes.Br, target.Label);
    }

    /// <summary>Whether the code being emitted keeps the fuel only in the local (see <see cref="ControlFrame.FuelOnlyInLocal"/>).</summary>
    private bool FuelOnlyInLocal => _frames[^1].FuelOnlyInLocal;

    /// <summary>Whether a branch from the code being emitted to <paramref name="target"/> must store the fuel first.</summary>
    private bool LeavesFuelLocal(ControlFrame target) => FuelOnlyInLocal && !target.FuelOnlyInLocal;

    private ControlFrame Frame(int depth) => _frames[_frames.Count - 1 - depth];

    /// <summary>How many values sit between the target's base and the values a branch to it carries.</summary>
    private int Excess(ControlFrame target) => _stack.Count - target.BranchTypes.Length - target.Height;

    private static void Reach(ControlFrame target)
    {
        if (target.Kind != FrameKind.Loop)
        {
            target.EndReachable = true;
        }
    }

    private void ResetStack(int height, ValType[] types)
    {
        PopMany(_stack.Count - height);
        PushMany(types);
    }
}
