using HealthWatch.Runtime.Engines.Managed.Model;

namespace HealthWatch.Runtime.Engines.Managed.Execution;

/// <summary>
/// Instantiates a module in a store (https://webassembly.github.io/spec/core/exec/modules.html#instantiation):
/// resolves imports, creates memories, tables, globals and functions, applies active element segments and then
/// data segments, and runs the start function. Runs on a guest thread inside the store.
/// </summary>
internal sealed class Instantiator(ManagedStore store, ManagedModule module, WasmImports imports)
{
    private readonly ModuleDefinition _definition = module.Compiled.Definition;
    private readonly ModuleTypes _types = module.Types;
    private readonly ModuleInstance _instance = new() { State = store.State, Module = module.Compiled };

    public ManagedInstance Run()
    {
        var functions = NewArray<FunctionInstance>(_types.Functions.Length);
        var tables = NewArray<TableInstance>(_types.Tables.Length);
        var memories = NewArray<MemoryInstance>(_types.Memories.Length);
        var globals = NewArray<GlobalInstance>(_types.Globals.Length);
        ResolveImports(functions, tables, memories, globals);
        CreateFunctions(functions);
        for (var i = 0; i < _definition.Globals.Count; i++)
        {
            var global = new GlobalInstance(_definition.Globals[i].Type, store);
            global.Initialize(ConstantExpressions.Evaluate(_definition, _definition.Globals[i].Initializer, functions, globals));
            globals[_definition.ImportedGlobalCount + i] = global;
        }

        store.AddTables(_definition.Tables.Count);
        for (var i = 0; i < _definition.Tables.Count; i++)
        {
            tables[_definition.ImportedTableCount + i] = new TableInstance(_definition.Tables[i], store.Limits.MaxTableElements, null) { Owner = store };
        }

        for (var i = 0; i < _definition.Memories.Count; i++)
        {
            memories[_definition.ImportedMemoryCount + i] = store.NewMemory(_definition.Memories[i]);
        }

        _instance.Functions = functions;
        _instance.Tables = tables;
        _instance.Memory = memories.Length > 0 ? memories[0] : null;
        _instance.Globals = globals;
        _instance.ElementSegments = EvaluateElementSegments(functions, globals);
        _instance.DataSegments = PassiveDataSegments();
        store.AddModule(_instance.Module!);
        ApplyElementSegments(globals);
        ApplyDataSegments(globals);
        if (_definition.StartFunction is { } start)
        {
            var function = functions[start];
            store.Call(store.Engine.Signatures.Get(function.FunctionType).Entry, function, [], []);
        }

        var values = NewArray<IWasmExtern>(_definition.Exports.Count);
        for (var i = 0; i < values.Length; i++)
        {
            var export = _definition.Exports[i];
            values[i] = export.Kind switch
            {
                ExternKind.Function => functions[export.Index],
                ExternKind.Table => tables[export.Index],
                ExternKind.Memory => memories[export.Index],
                _ => globals[export.Index],
            };
        }

        return new ManagedInstance(_instance, _types, values);
    }

    // Instantiation runs once per probe run, so even empty arrays are worth not allocating.
    private static T[] NewArray<T>(int length) => length == 0 ? [] : new T[length];

    private object?[][] EvaluateElementSegments(FunctionInstance[] functions, GlobalInstance[] globals)
    {
        var segments = NewArray<object?[]>(_definition.Elements.Count);
        for (var i = 0; i < segments.Length; i++)
        {
            segments[i] = EvaluateItems(_definition.Elements[i], functions, globals);
        }

        return segments;
    }

    // Only passive segments are copied: an active one is applied straight from the module's bytes and then dropped.
    private byte[][] PassiveDataSegments()
    {
        var segments = NewArray<byte[]>(_definition.Data.Count);
        for (var i = 0; i < segments.Length; i++)
        {
            var segment = _definition.Data[i];
            segments[i] = segment.Mode == SegmentMode.Active ? [] : _definition.Bytes.Slice(segment.DataOffset, segment.DataLength).ToArray();
        }

        return segments;
    }

    private void ResolveImports(FunctionInstance[] functions, TableInstance[] tables, MemoryInstance[] memories, GlobalInstance[] globals)
    {
        int function = 0, table = 0, memory = 0, global = 0;
        foreach (var import in _types.Imports)
        {
            switch (Linker.Resolve(store, import, imports))
            {
                case FunctionInstance f:
                    functions[function++] = f;
                    break;
                case TableInstance t:
                    tables[table++] = t;
                    break;
                case MemoryInstance m:
                    memories[memory++] = m;
                    break;
                case var g:
                    globals[global++] = (GlobalInstance)g;
                    break;
            }
        }
    }

    private void CreateFunctions(FunctionInstance[] functions)
    {
        var tiers = _instance.Module!.Tiers;
        var imported = _definition.ImportedFunctionCount;
        for (var i = 0; i < _definition.FunctionTypeIndices.Count; i++)
        {
            var type = _types.Functions[imported + i];
            functions[imported + i] = new WasmFunction(store, type, _instance, imported + i, interpreted: !tiers.IsCompiled(i));
        }
    }

    private object?[] EvaluateItems(ElementSegment segment, FunctionInstance[] functions, GlobalInstance[] globals) =>
        segment.FunctionIndices is { } indices
            ? [.. indices.Select(i => functions[i])]
            : [.. segment.Expressions!.Select(e => ConstantExpressions.Evaluate(_definition, e, functions, globals).AsReference())];

    // Each active segment is applied like table.init followed by elem.drop; declarative segments are dropped too.
    // A segment out of bounds traps; what earlier segments wrote stays.
    private void ApplyElementSegments(GlobalInstance[] globals)
    {
        for (var i = 0; i < _definition.Elements.Count; i++)
        {
            var segment = _definition.Elements[i];
            if (segment.Mode == SegmentMode.Passive)
            {
                continue;
            }

            if (segment.Mode == SegmentMode.Active)
            {
                var items = _instance.ElementSegments[i];
                var table = _instance.Tables[segment.TableIndex].Elements;
                var offset = (uint)Offset(segment.Offset, globals);
                if ((ulong)offset + (ulong)items.Length > (ulong)table.Length)
                {
                    throw Trap.Create(TrapCode.TableOutOfBounds);
                }

                items.CopyTo(table.AsSpan((int)offset));
            }

            _instance.ElementSegments[i] = [];
        }
    }

    private void ApplyDataSegments(GlobalInstance[] globals)
    {
        for (var i = 0; i < _definition.Data.Count; i++)
        {
            var segment = _definition.Data[i];
            if (segment.Mode != SegmentMode.Active)
            {
                continue;
            }

            var bytes = _definition.Bytes.Span.Slice(segment.DataOffset, segment.DataLength);
            var memory = _instance.Memory!.Buffer;
            var offset = (uint)Offset(segment.Offset, globals);
            if ((ulong)offset + (ulong)bytes.Length > (ulong)memory.Length)
            {
                throw Trap.Create(TrapCode.MemoryOutOfBounds);
            }

            bytes.CopyTo(memory.AsSpan((int)offset));
        }
    }

    private int Offset(ConstantExpression expression, GlobalInstance[] globals) =>
        ConstantExpressions.Evaluate(_definition, expression, _instance.Functions, globals).AsInt32();
}
