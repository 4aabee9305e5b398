namespace HealthWatch.Runtime.Engines;

/// <summary>Conveniences over the engine interfaces.</summary>
public static class WasmExtensions
{
    /// <summary>Calls <paramref name="function"/> and returns its results as a new array.</summary>
    public static WasmValue[] Invoke(this IWasmFunction function, params WasmValue[] arguments)
    {
        ArgumentNullException.ThrowIfNull(function);
        var results = new WasmValue[function.FunctionType.Results.Count];
        function.Invoke(arguments, results);
        return results;
    }

    /// <summary>The exported function <paramref name="name"/>, or null if there is no such function export.</summary>
    public static IWasmFunction? GetFunction(this IWasmInstance instance, string name) =>
        Get<IWasmFunction>(instance, name);

    /// <summary>The exported memory <paramref name="name"/>, or null if there is no such memory export.</summary>
    public static IWasmMemory? GetMemory(this IWasmInstance instance, string name) =>
        Get<IWasmMemory>(instance, name);

    /// <summary>The exported table <paramref name="name"/>, or null if there is no such table export.</summary>
    public static IWasmTable? GetTable(this IWasmInstance instance, string name) =>
        Get<IWasmTable>(instance, name);

    /// <summary>The exported global <paramref name="name"/>, or null if there is no such global export.</summary>
    public static IWasmGlobal? GetGlobal(this IWasmInstance instance, string name) =>
        Get<IWasmGlobal>(instance, name);

    private static T? Get<T>(IWasmInstance instance, string name)
        where T : class, IWasmExtern
    {
        ArgumentNullException.ThrowIfNull(instance);
        return instance.GetExport(name) as T;
    }
}
