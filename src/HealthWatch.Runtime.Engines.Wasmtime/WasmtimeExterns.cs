using HealthWatch.Runtime.Engines.Wasmtime.Native;

namespace HealthWatch.Runtime.Engines.Wasmtime;

/// <summary>An extern of a Wasmtime store: what instantiation passes to Wasmtime for an import.</summary>
internal interface IWasmtimeExtern : IWasmExtern
{
    WasmtimeStore Store { get; }

    NativeExtern ToNative();
}

/// <summary>A function of a store (exported by an instance, or made by the host).</summary>
internal sealed class WasmtimeFunction(WasmtimeStore store, NativeFunc native, FuncType type) : IWasmFunction, IWasmtimeExtern
{
    public WasmtimeStore Store { get; } = store;

    public NativeFunc Native { get; } = native;

    public FuncType FunctionType { get; } = type;

    public ExternType Type => FunctionType;

    public void Invoke(ReadOnlySpan<WasmValue> arguments, Span<WasmValue> results, CancellationToken cancellationToken = default) =>
        Store.Call(this, arguments, results, cancellationToken);

    public NativeExtern ToNative() => new() { Kind = ExternKinds.Func, Func = Native };

    public override string ToString() => $"wasmtime function {FunctionType}";
}

/// <summary>A linear memory of a store.</summary>
internal sealed unsafe class WasmtimeMemory(WasmtimeStore store, NativeItem native) : IWasmMemory, IWasmtimeExtern
{
    private readonly NativeItem _native = native;

    public WasmtimeStore Store { get; } = store;

    public ExternType Type => Store.Use(() =>
    {
        var type = NativeMethods.MemoryType(Store.Context, _native);
        try
        {
            return NativeTypes.FromMemoryType(type);
        }
        finally
        {
            NativeMethods.MemoryTypeDelete(type);
        }
    });

    public uint Pages => Store.Use(() => (uint)NativeMethods.MemorySize(Store.Context, _native));

    public long Length => Store.Use(() => (long)NativeMethods.MemoryDataSize(Store.Context, _native));

    public long Grow(uint deltaPages) => Store.Use(() =>
    {
        var error = NativeMethods.MemoryGrow(Store.Context, _native, deltaPages, out var previous);
        if (error == 0)
        {
            return (long)previous;
        }

        // Past the maximum or the store's limit: memory.grow's -1.
        WasmtimeErrors.TakeMessage(error);
        return -1L;
    });

    public Span<byte> GetSpan(long offset, int length)
    {
        Store.ThrowIfDisposed();
        var size = (long)NativeMethods.MemoryDataSize(Store.Context, _native);
        if (offset < 0 || length < 0 || offset > size - length)
        {
            throw new ArgumentOutOfRangeException(nameof(offset), $"[{offset}, {offset}+{length}) is not inside the memory of {size} bytes.");
        }

        return new Span<byte>(NativeMethods.MemoryData(Store.Context, _native) + offset, length);
    }

    public NativeExtern ToNative() => new() { Kind = ExternKinds.Memory, Item = _native };
}

/// <summary>A table of a store.</summary>
internal sealed class WasmtimeTable(WasmtimeStore store, NativeItem native, TableType type) : IWasmTable, IWasmtimeExtern
{
    private readonly NativeItem _native = native;

    public WasmtimeStore Store { get; } = store;

    /// <summary>The declared type; its minimum is the size at creation, <see cref="Size"/> the current one.</summary>
    public ExternType Type { get; } = type;

    public uint Size => Store.Use(() => (uint)NativeMethods.TableSize(Store.Context, _native));

    public WasmValue Get(uint index) => Store.Use(() =>
    {
        if (!NativeMethods.TableGet(Store.Context, _native, index, out var value))
        {
            throw new ArgumentOutOfRangeException(nameof(index), index, "The index is past the end of the table.");
        }

        try
        {
            return NativeValues.FromNative(value, Store);
        }
        finally
        {
            NativeValues.Unroot(ref value);
        }
    });

    public void Set(uint index, WasmValue value) => Store.Use(() =>
    {
        var native = NativeValues.ToNative(value, ((TableType)Type).ElementType, Store, nameof(value));
        try
        {
            var error = NativeMethods.TableSet(Store.Context, _native, index, native);
            if (error != 0)
            {
                WasmtimeErrors.TakeMessage(error);
                throw new ArgumentOutOfRangeException(nameof(index), index, "The index is past the end of the table.");
            }
        }
        finally
        {
            NativeValues.Unroot(ref native);
        }
    });

    public long Grow(uint delta, WasmValue initialValue) => Store.Use(() =>
    {
        var native = NativeValues.ToNative(initialValue, ((TableType)Type).ElementType, Store, nameof(initialValue));
        try
        {
            var error = NativeMethods.TableGrow(Store.Context, _native, delta, native, out var previous);
            if (error == 0)
            {
                return (long)previous;
            }

            WasmtimeErrors.TakeMessage(error);
            return -1L;
        }
        finally
        {
            NativeValues.Unroot(ref native);
        }
    });

    public NativeExtern ToNative() => new() { Kind = ExternKinds.Table, Item = _native };
}

/// <summary>A global of a store.</summary>
internal sealed class WasmtimeGlobal(WasmtimeStore store, NativeItem native, GlobalType type) : IWasmGlobal, IWasmtimeExtern
{
    private readonly NativeItem _native = native;

    public WasmtimeStore Store { get; } = store;

    public GlobalType GlobalType { get; } = type;

    public ExternType Type => GlobalType;

    public WasmValue Value
    {
        get => Store.Use(() =>
        {
            NativeMethods.GlobalGet(Store.Context, _native, out var value);
            try
            {
                return NativeValues.FromNative(value, Store);
            }
            finally
            {
                NativeValues.Unroot(ref value);
            }
        });
        set => Store.Use(() =>
        {
            if (!GlobalType.Mutable)
            {
                throw new InvalidOperationException("The global is immutable.");
            }

            var native = NativeValues.ToNative(value, GlobalType.ValueType, Store, nameof(value));
            try
            {
                WasmtimeErrors.ThrowIfError(NativeMethods.GlobalSet(Store.Context, _native, native), "Cannot set the global");
            }
            finally
            {
                NativeValues.Unroot(ref native);
            }
        });
    }

    public NativeExtern ToNative() => new() { Kind = ExternKinds.Global, Item = _native };
}

/// <summary>A function the host implements, registered with Wasmtime through <see cref="Callbacks.CallHost"/>.</summary>
internal sealed class HostFunction(WasmtimeStore store, FuncType type, HostFunctionCallback callback)
{
    public WasmtimeStore Store { get; } = store;

    /// <summary>Converts the arguments, runs the callback and writes its results, checked against the type.</summary>
    public void Run(ReadOnlySpan<NativeVal> args, Span<NativeVal> results)
    {
        var arguments = new WasmValue[args.Length];
        for (var i = 0; i < arguments.Length; i++)
        {
            arguments[i] = NativeValues.FromNative(args[i], Store);
        }

        var values = new WasmValue[results.Length];
        callback(arguments, values);
        for (var i = 0; i < values.Length; i++)
        {
            if (values[i].Type != type.Results[i])
            {
                throw new InvalidOperationException(
                    $"The host function's result {i} must be a {type.Results[i].ToWatName()}, but it is {(Enum.IsDefined(values[i].Type) ? "a " + values[i].Type.ToWatName() : "not set")}.");
            }

            results[i] = NativeValues.ToNative(values[i], type.Results[i], Store, "results");
        }
    }
}
