namespace HealthWatch.Runtime.Engines.Managed;

/// <summary>Settings of a <see cref="ManagedEngine"/>. They shape the generated code, so they are fixed per engine.</summary>
public sealed record ManagedEngineOptions
{
    /// <summary>The defaults: fuel metering on.</summary>
    public static ManagedEngineOptions Default { get; } = new();

    /// <summary>
    /// Whether compiled code meters fuel, so that <see cref="WasmStoreLimits.Fuel"/> can bound execution.
    /// Off makes code slightly faster; stores then reject a fuel limit. Default: on.
    /// </summary>
    public bool ConsumeFuel { get; init; } = true;
}
