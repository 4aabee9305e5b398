using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using HealthWatch.Runtime.Engines.Wasmtime.Native;

namespace HealthWatch.Runtime.Engines.Wasmtime;

/// <summary>
/// The functions Wasmtime calls back: host functions, the epoch deadline and finalizers. No exception may cross
/// into native code, so each catches everything and hands it to the store, whose call boundary rethrows it.
/// </summary>
internal static unsafe class Callbacks
{
    private static readonly byte[] HostFailed = "host function failed"u8.ToArray();

    /// <summary><c>void (*)(void*)</c>: frees the <see cref="GCHandle"/> passed as data.</summary>
    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    public static void FreeHandle(nint data) => GCHandle.FromIntPtr(data).Free();

    /// <summary><c>wasmtime_func_callback_t</c>: runs a <see cref="HostFunction"/>; its failure becomes a trap.</summary>
    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    public static nint CallHost(nint env, nint caller, NativeVal* args, nuint argCount, NativeVal* results, nuint resultCount)
    {
        var function = (HostFunction)GCHandle.FromIntPtr(env).Target!;
        try
        {
            function.Run(new ReadOnlySpan<NativeVal>(args, (int)argCount), new Span<NativeVal>(results, (int)resultCount));
            return 0;
        }
        catch (Exception e)
        {
            function.Store.SetHostFailure(e);
            fixed (byte* message = HostFailed)
            {
                return NativeMethods.TrapNew(message, (nuint)HostFailed.Length);
            }
        }
    }

    /// <summary>
    /// The epoch deadline callback (<c>wasmtime_store_epoch_deadline_callback</c>): at each epoch tick, stops the
    /// store's code if its call was cancelled, else lets it run to the next tick.
    /// </summary>
    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    public static nint OnEpochDeadline(nint context, nint data, ulong* deadlineDelta, byte* updateKind)
    {
        var store = (WasmtimeStore)GCHandle.FromIntPtr(data).Target!;
        if (store.InterruptIfCancelled())
        {
            return NativeMethods.ErrorNew(TrapCode.Interrupted.ToMessage());
        }

        *deadlineDelta = 1;
        *updateKind = 0; // WASMTIME_UPDATE_DEADLINE_CONTINUE
        return 0;
    }
}
