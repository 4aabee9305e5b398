using HealthWatch.Runtime.Engines.Managed.Model;

namespace HealthWatch.Runtime.Engines.Managed.Validation;

/// <summary>A function type as two arrays, so that the validator can walk them without interface calls.</summary>
internal sealed class Signature(ValType[] parameters, ValType[] results)
{
    public ValType[] Parameters { get; } = parameters;

    public ValType[] Results { get; } = results;
}

/// <summary>
/// The module's index spaces as the validator looks things up (the spec's context C, imports first).
/// See https://webassembly.github.io/spec/core/valid/conventions.html#contexts.
/// </summary>
internal sealed class ValidationContext
{
    private readonly int[] _functionTypeIndices;
    private readonly ValType[] _tableElementTypes;
    private readonly GlobalType[] _globals;

    public ValidationContext(ModuleDefinition module)
    {
        Module = module;
        Types = new Signature[module.Types.Count];
        for (var i = 0; i < Types.Length; i++)
        {
            Types[i] = new Signature([.. module.Types[i].Parameters], [.. module.Types[i].Results]);
        }

        _functionTypeIndices = new int[module.TotalFunctionCount];
        _tableElementTypes = new ValType[module.TotalTableCount];
        _globals = new GlobalType[module.TotalGlobalCount];
        int functions = 0, tables = 0, globals = 0;
        foreach (var import in module.Imports)
        {
            switch (import.Kind)
            {
                case ExternKind.Function:
                    _functionTypeIndices[functions++] = import.FunctionTypeIndex;
                    break;
                case ExternKind.Table:
                    _tableElementTypes[tables++] = import.Table!.ElementType;
                    break;
                case ExternKind.Global:
                    _globals[globals++] = import.Global!;
                    break;
            }
        }

        module.FunctionTypeIndices.CopyTo(_functionTypeIndices, functions);
        foreach (var table in module.Tables)
        {
            _tableElementTypes[tables++] = table.ElementType;
        }

        foreach (var global in module.Globals)
        {
            _globals[globals++] = global.Type;
        }

        DeclaredFunctions = new bool[_functionTypeIndices.Length];
    }

    public ModuleDefinition Module { get; }

    public Signature[] Types { get; }

    public int FunctionCount => _functionTypeIndices.Length;

    public int TableCount => _tableElementTypes.Length;

    public int GlobalCount => _globals.Length;

    public int MemoryCount => Module.TotalMemoryCount;

    public int ElementSegmentCount => Module.Elements.Count;

    /// <summary>
    /// Functions that <c>ref.func</c> may name in a function body: those referenced by an element segment,
    /// an export or a global initialiser (https://webassembly.github.io/spec/core/valid/modules.html#valid-module).
    /// </summary>
    public bool[] DeclaredFunctions { get; }

    public static WasmModuleException Invalid(string message, long offset = -1) =>
        new(ModuleErrorKind.Invalid, message, offset);

    /// <summary>The type of function <paramref name="index"/>; type indices have been checked by then.</summary>
    public Signature FunctionType(uint index, long offset) =>
        index < (uint)_functionTypeIndices.Length ? Types[_functionTypeIndices[index]] : throw Invalid($"unknown function {index}", offset);

    public ValType TableElementType(uint index, long offset) =>
        index < (uint)_tableElementTypes.Length ? _tableElementTypes[index] : throw Invalid($"unknown table {index}", offset);

    public GlobalType Global(uint index, long offset) =>
        index < (uint)_globals.Length ? _globals[index] : throw Invalid($"unknown global {index}", offset);

    public Signature Type(long index, long offset) =>
        index >= 0 && index < Types.Length ? Types[index] : throw Invalid($"unknown type {index}", offset);

    public void RequireMemory(uint index, long offset)
    {
        if (index >= (uint)MemoryCount)
        {
            throw Invalid($"unknown memory {index}", offset);
        }
    }

    public ValType ElementSegmentType(uint index, long offset) =>
        index < (uint)Module.Elements.Count ? Module.Elements[(int)index].ElementType : throw Invalid($"unknown elem segment {index}", offset);
}
