namespace HealthWatch.Runtime.Engines;

/// <summary>
/// Base of every error an engine reports: <see cref="WasmModuleException"/> (decode or validation),
/// <see cref="WasmLinkException"/> (instantiation could not resolve an import) and
/// <see cref="WasmTrapException"/> (execution trapped). Nothing else escapes an engine.
/// </summary>
public abstract class WasmException : Exception
{
    private protected WasmException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}

/// <summary>Why a module was rejected.</summary>
public enum ModuleErrorKind
{
    /// <summary>The bytes are not a well-formed binary module (decoding failed).</summary>
    Malformed,

    /// <summary>The module decoded but failed validation (e.g. a type mismatch).</summary>
    Invalid,

    /// <summary>The module uses a feature this engine does not support (e.g. SIMD or threads).</summary>
    Unsupported,

    /// <summary>The module exceeds an implementation limit (e.g. too many locals).</summary>
    LimitExceeded,
}

/// <summary>A module could not be decoded or validated.</summary>
public sealed class WasmModuleException : WasmException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="kind">Why the module was rejected.</param>
    /// <param name="message">What is wrong, ideally in the spec's words.</param>
    /// <param name="offset">The byte offset in the module where the problem was found, or -1.</param>
    public WasmModuleException(ModuleErrorKind kind, string message, long offset = -1)
        : base(offset >= 0 ? $"{message} (at offset 0x{offset:x})" : message)
    {
        Kind = kind;
        Reason = message;
        Offset = offset;
    }

    /// <summary>Why the module was rejected.</summary>
    public ModuleErrorKind Kind { get; }

    /// <summary>The message without the offset.</summary>
    public string Reason { get; }

    /// <summary>The byte offset in the module where the problem was found, or -1 if unknown.</summary>
    public long Offset { get; }
}

/// <summary>Instantiation could not resolve an import.</summary>
public sealed class WasmLinkException : WasmException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="importModule">The module name of the import.</param>
    /// <param name="importName">The field name of the import.</param>
    /// <param name="reason">Why, in the spec's words: <c>unknown import</c> or <c>incompatible import type</c>.</param>
    public WasmLinkException(string importModule, string importName, string reason)
        : base($"{reason}: \"{importModule}\" \"{importName}\"")
    {
        ImportModule = importModule;
        ImportName = importName;
        Reason = reason;
    }

    /// <summary>The module name of the import that failed.</summary>
    public string ImportModule { get; }

    /// <summary>The field name of the import that failed.</summary>
    public string ImportName { get; }

    /// <summary>Why the import failed.</summary>
    public string Reason { get; }
}

/// <summary>One WebAssembly function on the stack when a trap occurred, innermost first.</summary>
/// <param name="FunctionIndex">The function's index in its module's function index space.</param>
/// <param name="FunctionName">Its name from the <c>name</c> section or an export, if known.</param>
/// <param name="ModuleName">The module's name from the <c>name</c> section, if known.</param>
public sealed record WasmFrame(int FunctionIndex, string? FunctionName, string? ModuleName)
{
    /// <inheritdoc />
    public override string ToString() =>
        $"{(ModuleName is null ? string.Empty : ModuleName + "!")}{FunctionName ?? $"<wasm function {FunctionIndex}>"}";
}

/// <summary>Execution of WebAssembly code trapped.</summary>
public sealed class WasmTrapException : WasmException
{
    /// <summary>Creates the exception with the spec's message for <paramref name="code"/>.</summary>
    /// <param name="code">Why execution trapped.</param>
    /// <param name="frames">The WebAssembly frames on the stack, innermost first.</param>
    /// <param name="innerException">For <see cref="TrapCode.HostError"/>, what the host function threw.</param>
    public WasmTrapException(TrapCode code, IReadOnlyList<WasmFrame>? frames = null, Exception? innerException = null)
        : base(code.ToMessage(), innerException)
    {
        Code = code;
        Frames = frames ?? [];
    }

    /// <summary>Why execution trapped.</summary>
    public TrapCode Code { get; }

    /// <summary>The WebAssembly frames on the stack when the trap occurred, innermost first.</summary>
    public IReadOnlyList<WasmFrame> Frames { get; }

    /// <summary>The message followed by the WebAssembly backtrace.</summary>
    public override string ToString() =>
        Frames.Count == 0 ? base.ToString() : $"{base.ToString()}{Environment.NewLine}wasm backtrace:{Environment.NewLine}{string.Join(Environment.NewLine, Frames.Select((f, i) => $"  {i}: {f}"))}";
}
