using HealthWatch.Runtime.Engines.Managed.Model;

namespace HealthWatch.Runtime.Engines.Managed.Validation;

/// <summary>
/// Validates a decoded module (https://webassembly.github.io/spec/core/valid/modules.html), in the
/// reference interpreter's order so that a module with several errors reports the same one. The module is
/// not changed and nothing is computed for the compiler.
/// </summary>
internal static class ModuleValidator
{
    /// <summary>The most pages a 32-bit memory can have (4 GiB).</summary>
    private const uint MaxMemoryPages = 65536;

    /// <summary>Checks a module that <see cref="Decoding.ModuleDecoder"/> produced, so is well-formed.</summary>
    /// <exception cref="WasmModuleException">The module is invalid (<see cref="ModuleErrorKind.Invalid"/>).</exception>
    public static void Validate(ModuleDefinition module, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(module);

        CheckImports(module);
        foreach (var typeIndex in module.FunctionTypeIndices)
        {
            RequireType(module, typeIndex);
        }

        var context = new ValidationContext(module);

        // ref.func in a body needs the function declared elsewhere in the module, whatever the order of checks.
        foreach (var export in module.Exports)
        {
            if (export.Kind == ExternKind.Function && (uint)export.Index < (uint)context.FunctionCount)
            {
                context.DeclaredFunctions[export.Index] = true;
            }
        }

        foreach (var global in module.Globals)
        {
            ConstantExpressionValidator.Validate(context, global.Initializer, global.Type.ValueType);
        }

        foreach (var table in module.Tables)
        {
            CheckLimits(table.Limits);
        }

        foreach (var memory in module.Memories)
        {
            CheckMemoryType(memory);
        }

        foreach (var segment in module.Elements)
        {
            CheckElementSegment(context, segment);
        }

        foreach (var segment in module.Data)
        {
            if (segment.Mode == SegmentMode.Active)
            {
                context.RequireMemory((uint)segment.MemoryIndex, segment.Offset.Offset);
                ConstantExpressionValidator.Validate(context, segment.Offset, ValType.I32);
            }
        }

        var functions = new FunctionValidator(context);
        for (var i = 0; i < module.Bodies.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            functions.Validate(module.Bodies[i], context.Types[module.FunctionTypeIndices[i]]);
        }

        if (module.StartFunction is { } start)
        {
            var type = context.FunctionType((uint)start, -1);
            if (type.Parameters.Length != 0 || type.Results.Length != 0)
            {
                throw ValidationContext.Invalid("start function must not have parameters or results");
            }
        }

        CheckExports(context);
        if (module.TotalMemoryCount > 1)
        {
            throw ValidationContext.Invalid("multiple memories");
        }
    }

    private static void CheckImports(ModuleDefinition module)
    {
        foreach (var import in module.Imports)
        {
            switch (import.Kind)
            {
                case ExternKind.Function:
                    RequireType(module, import.FunctionTypeIndex);
                    break;
                case ExternKind.Table:
                    CheckLimits(import.Table!.Limits);
                    break;
                case ExternKind.Memory:
                    CheckMemoryType(import.Memory!);
                    break;
            }
        }
    }

    private static void RequireType(ModuleDefinition module, int typeIndex)
    {
        if ((uint)typeIndex >= (uint)module.Types.Count)
        {
            throw ValidationContext.Invalid($"unknown type {(uint)typeIndex}");
        }
    }

    // https://webassembly.github.io/spec/core/valid/types.html#memory-types
    private static void CheckMemoryType(MemoryType memory)
    {
        if (memory.Limits.Minimum > MaxMemoryPages || memory.Limits.Maximum > MaxMemoryPages)
        {
            throw ValidationContext.Invalid("memory size must be at most 65536 pages (4GiB)");
        }

        CheckLimits(memory.Limits);
    }

    // https://webassembly.github.io/spec/core/valid/types.html#limits (a table's range is all of u32).
    private static void CheckLimits(Limits limits)
    {
        if (limits.Minimum > limits.Maximum)
        {
            throw ValidationContext.Invalid("size minimum must not be greater than maximum");
        }
    }

    // https://webassembly.github.io/spec/core/valid/modules.html#element-segments
    private static void CheckElementSegment(ValidationContext context, ElementSegment segment)
    {
        if (segment.FunctionIndices is { } functions)
        {
            // The decoder gives these encodings (elemkind 0x00) the type funcref.
            foreach (var function in functions)
            {
                context.FunctionType((uint)function, -1);
                context.DeclaredFunctions[function] = true;
            }
        }
        else
        {
            foreach (var item in segment.Expressions!)
            {
                ConstantExpressionValidator.Validate(context, item, segment.ElementType);
            }
        }

        if (segment.Mode == SegmentMode.Active)
        {
            if (context.TableElementType((uint)segment.TableIndex, segment.Offset.Offset) != segment.ElementType)
            {
                throw ValidationContext.Invalid("type mismatch", segment.Offset.Offset);
            }

            ConstantExpressionValidator.Validate(context, segment.Offset, ValType.I32);
        }
    }

    // https://webassembly.github.io/spec/core/valid/modules.html#exports
    private static void CheckExports(ValidationContext context)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var export in context.Module.Exports)
        {
            var index = (uint)export.Index;
            switch (export.Kind)
            {
                case ExternKind.Function:
                    context.FunctionType(index, -1);
                    break;
                case ExternKind.Table:
                    context.TableElementType(index, -1);
                    break;
                case ExternKind.Memory:
                    context.RequireMemory(index, -1);
                    break;
                case ExternKind.Global:
                    context.Global(index, -1);
                    break;
            }

            if (!names.Add(export.Name))
            {
                throw ValidationContext.Invalid("duplicate export name");
            }
        }
    }
}
