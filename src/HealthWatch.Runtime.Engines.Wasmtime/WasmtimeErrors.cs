using System.Globalization;
using System.Text;
using HealthWatch.Runtime.Engines.Wasmtime.Native;

namespace HealthWatch.Runtime.Engines.Wasmtime;

/// <summary>
/// The one boundary where Wasmtime's <c>wasmtime_error_t</c> and <c>wasm_trap_t</c> become the core's exceptions
/// (<see cref="WasmModuleException"/>, <see cref="WasmTrapException"/>) with the managed engine's trap codes. Every
/// method that takes a native error or trap deletes it.
/// </summary>
internal static unsafe class WasmtimeErrors
{
    // Phrases of wasmparser's decoding errors, which are the spec's assert_malformed texts where the spec has one;
    // anything else it rejects failed validation. https://webassembly.github.io/spec/core/binary/
    private static readonly string[] MalformedPhrases =
    [
        "magic header", "unknown binary version", "malformed", "unexpected end", "section size mismatch",
        "integer representation too long", "integer too large", "length out of bounds", "zero byte expected",
        "illegal opcode", "unexpected content after last section", "junk after last section", "inconsistent lengths",
        "data count section required", "invalid leading byte", "END opcode expected", "UTF-8", "trailing bytes",
        "too many locals", "unknown section", "invalid section", "bad magic",
    ];

    private static readonly string[] UnsupportedPhrases = ["support is not enabled", "proposal not enabled", "not supported"];

    /// <summary>The core's trap code for a <c>wasmtime_trap_code_t</c> (wasmtime/trap.h); null for codes the core has no word for.</summary>
    public static TrapCode? ToTrapCode(byte code) => code switch
    {
        0 => TrapCode.CallStackExhausted, // STACK_OVERFLOW
        1 or 2 => TrapCode.MemoryOutOfBounds, // MEMORY_OUT_OF_BOUNDS, HEAP_MISALIGNED
        3 => TrapCode.TableOutOfBounds, // TABLE_OUT_OF_BOUNDS, also call_indirect past the table's end
        4 => TrapCode.UninitializedElement, // INDIRECT_CALL_TO_NULL
        5 => TrapCode.IndirectCallTypeMismatch, // BAD_SIGNATURE
        6 => TrapCode.IntegerOverflow, // INTEGER_OVERFLOW
        7 => TrapCode.IntegerDivideByZero, // INTEGER_DIVISION_BY_ZERO
        8 => TrapCode.InvalidConversionToInteger, // BAD_CONVERSION_TO_INTEGER
        9 => TrapCode.Unreachable, // UNREACHABLE_CODE_REACHED
        10 => TrapCode.Interrupted, // INTERRUPT
        11 => TrapCode.OutOfFuel, // OUT_OF_FUEL
        15 => TrapCode.ResourceLimitExceeded, // ALLOCATION_TOO_LARGE
        _ => null,
    };

    /// <summary>Whether a compile error is a decoding error, a validation error or a feature this engine leaves off.</summary>
    public static ModuleErrorKind Classify(string reason) =>
        UnsupportedPhrases.Any(p => reason.Contains(p, StringComparison.OrdinalIgnoreCase)) ? ModuleErrorKind.Unsupported
        : MalformedPhrases.Any(p => reason.Contains(p, StringComparison.OrdinalIgnoreCase)) ? ModuleErrorKind.Malformed
        : ModuleErrorKind.Invalid;

    /// <summary>
    /// The root cause of an error message (Wasmtime prints the context chain, the cause last) and the byte offset
    /// wasmparser appends as <c>(at offset 0x1a)</c>, or -1.
    /// </summary>
    public static (string Reason, long Offset) RootCause(string message)
    {
        var line = message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() ?? string.Empty;
        var colon = line.IndexOf(": ", StringComparison.Ordinal);
        if (colon > 0 && line.AsSpan(0, colon).IndexOfAnyExceptInRange('0', '9') < 0)
        {
            line = line[(colon + 2)..];
        }

        const string Marker = " (at offset 0x";
        var at = line.LastIndexOf(Marker, StringComparison.Ordinal);
        if (at >= 0 && line.EndsWith(')') &&
            long.TryParse(line.AsSpan(at + Marker.Length, line.Length - at - Marker.Length - 1), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var offset))
        {
            return (line[..at], offset);
        }

        return (line, -1);
    }

    /// <summary>A compile error as a module exception.</summary>
    public static WasmModuleException ModuleError(nint error)
    {
        var (reason, offset) = RootCause(TakeMessage(error));
        return new WasmModuleException(Classify(reason), reason, offset);
    }

    /// <summary>
    /// The exception for a failed call or instantiation: its trap, or its error. A host function's exception wins,
    /// since the trap it caused is only its messenger; then an interruption this engine asked for.
    /// </summary>
    public static WasmTrapException CallFailure(nint error, nint trap, Exception? hostFailure, bool interrupted)
    {
        var frames = trap != 0 ? TakeTrapFrames(trap) : error != 0 ? TakeErrorFrames(error) : [];
        byte code = 0;
        var hasCode = trap != 0 && NativeMethods.TrapCode(trap, out code);
        var message = trap != 0 ? TakeTrapMessage(trap) : error != 0 ? TakeMessage(error) : "unknown failure";
        if (hostFailure is WasmTrapException nested)
        {
            return nested;
        }

        if (hostFailure is not null)
        {
            return new WasmTrapException(TrapCode.HostError, frames, hostFailure);
        }

        if (interrupted)
        {
            return new WasmTrapException(TrapCode.Interrupted, frames);
        }

        return hasCode && ToTrapCode(code) is { } mapped
            ? new WasmTrapException(mapped, frames)
            : new WasmTrapException(TrapCode.HostError, frames, new InvalidOperationException($"Wasmtime: {RootCause(message).Reason}"));
    }

    /// <summary>Throws <see cref="InvalidOperationException"/> with Wasmtime's message if <paramref name="error"/> is set.</summary>
    public static void ThrowIfError(nint error, string what)
    {
        if (error != 0)
        {
            throw new InvalidOperationException($"{what}: {RootCause(TakeMessage(error)).Reason}");
        }
    }

    /// <summary>Reads and deletes an error, returning its message.</summary>
    public static string TakeMessage(nint error)
    {
        try
        {
            NativeMethods.ErrorMessage(error, out var message);
            return TakeString(ref message);
        }
        finally
        {
            NativeMethods.ErrorDelete(error);
        }
    }

    /// <summary>A borrowed <c>wasm_name_t</c> as text; empty for null.</summary>
    public static string ReadName(NativeVec* name) =>
        name is null || name->Data == 0 ? string.Empty : Encoding.UTF8.GetString((byte*)name->Data, checked((int)name->Size)).TrimEnd('\0');

    private static string TakeTrapMessage(nint trap)
    {
        try
        {
            NativeMethods.TrapMessage(trap, out var message);
            return TakeString(ref message);
        }
        finally
        {
            NativeMethods.TrapDelete(trap);
        }
    }

    private static string TakeString(ref NativeVec bytes)
    {
        fixed (NativeVec* p = &bytes)
        {
            var text = ReadName(p);
            NativeMethods.ByteVecDelete(ref bytes);
            return text;
        }
    }

    private static WasmFrame[] TakeTrapFrames(nint trap)
    {
        NativeMethods.TrapTrace(trap, out var frames);
        return TakeFrames(ref frames);
    }

    private static WasmFrame[] TakeErrorFrames(nint error)
    {
        NativeMethods.ErrorWasmTrace(error, out var frames);
        return TakeFrames(ref frames);
    }

    private static WasmFrame[] TakeFrames(ref NativeVec frames)
    {
        var result = new WasmFrame[(int)frames.Size];
        var items = (nint*)frames.Data;
        for (var i = 0; i < result.Length; i++)
        {
            var frame = items[i];
            var name = ReadName(NativeMethods.FrameFuncName(frame));
            var module = ReadName(NativeMethods.FrameModuleName(frame));
            result[i] = new WasmFrame((int)NativeMethods.FrameFuncIndex(frame), name.Length == 0 ? null : name, module.Length == 0 ? null : module);
        }

        NativeMethods.FrameVecDelete(ref frames);
        return result;
    }
}
