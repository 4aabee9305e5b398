using Microsoft.Win32.SafeHandles;

namespace HealthWatch.Runtime.Engines.Wasmtime.Native;

/// <summary>Owns a <c>wasm_engine_t</c>.</summary>
internal sealed class EngineHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public EngineHandle()
        : base(ownsHandle: true)
    {
    }

    protected override bool ReleaseHandle()
    {
        NativeMethods.EngineDelete(handle);
        return true;
    }
}

/// <summary>Owns a <c>wasmtime_store_t</c> and with it everything created in the store.</summary>
internal sealed class StoreHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public StoreHandle()
        : base(ownsHandle: true)
    {
    }

    protected override bool ReleaseHandle()
    {
        NativeMethods.StoreDelete(handle);
        return true;
    }
}

/// <summary>Owns a <c>wasmtime_module_t</c>; instances keep what they need of it alive on their own.</summary>
internal sealed class NativeModuleHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public NativeModuleHandle()
        : base(ownsHandle: true)
    {
    }

    protected override bool ReleaseHandle()
    {
        NativeMethods.ModuleDelete(handle);
        return true;
    }
}
