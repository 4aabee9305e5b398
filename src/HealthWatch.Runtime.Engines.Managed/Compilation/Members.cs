using System.Reflection;
using System.Runtime.CompilerServices;
using HealthWatch.Runtime.Engines.Managed.Execution;

namespace HealthWatch.Runtime.Engines.Managed.Compilation;

/// <summary>Reflection handles of the runtime fields and helper methods that generated code uses.</summary>
internal static class Members
{
    private const BindingFlags AnyInstance = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic;
    private const BindingFlags AnyStatic = BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic;

    public static readonly FieldInfo InstanceState = Field<ModuleInstance>(nameof(ModuleInstance.State));
    public static readonly FieldInfo InstanceMemory = Field<ModuleInstance>(nameof(ModuleInstance.Memory));
    public static readonly FieldInfo InstanceTables = Field<ModuleInstance>(nameof(ModuleInstance.Tables));
    public static readonly FieldInfo InstanceGlobals = Field<ModuleInstance>(nameof(ModuleInstance.Globals));
    public static readonly FieldInfo InstanceFunctions = Field<ModuleInstance>(nameof(ModuleInstance.Functions));
    public static readonly FieldInfo InstanceDataSegments = Field<ModuleInstance>(nameof(ModuleInstance.DataSegments));
    public static readonly FieldInfo InstanceElementSegments = Field<ModuleInstance>(nameof(ModuleInstance.ElementSegments));

    public static readonly FieldInfo StateFuel = Field<ExecutionState>(nameof(ExecutionState.Fuel));
    public static readonly FieldInfo StateFuelFloor = Field<ExecutionState>(nameof(ExecutionState.FuelFloor));
    public static readonly FieldInfo StateStackLimit = Field<ExecutionState>(nameof(ExecutionState.StackLimit));
    public static readonly FieldInfo StateCallDepth = Field<ExecutionState>(nameof(ExecutionState.CallDepthRemaining));

    public static readonly FieldInfo MemoryBuffer = Field<MemoryInstance>(nameof(MemoryInstance.Buffer));
    public static readonly FieldInfo TableElements = Field<TableInstance>(nameof(TableInstance.Elements));

    public static readonly FieldInfo GlobalI32 = Field<GlobalInstance>(nameof(GlobalInstance.I32));
    public static readonly FieldInfo GlobalI64 = Field<GlobalInstance>(nameof(GlobalInstance.I64));
    public static readonly FieldInfo GlobalF32 = Field<GlobalInstance>(nameof(GlobalInstance.F32));
    public static readonly FieldInfo GlobalF64 = Field<GlobalInstance>(nameof(GlobalInstance.F64));
    public static readonly FieldInfo GlobalRef = Field<GlobalInstance>(nameof(GlobalInstance.Ref));

    public static readonly FieldInfo FunctionContext = Field<FunctionInstance>(nameof(FunctionInstance.Context));
    public static readonly FieldInfo FunctionCode = Field<FunctionInstance>(nameof(FunctionInstance.Code));

    public static readonly MethodInfo TrapCreate = Static(typeof(Trap), nameof(Trap.Create));

    public static readonly MethodInfo AsModuleInstance =
        typeof(Unsafe).GetMethod(nameof(Unsafe.As), 1, AnyStatic, null, [typeof(object)], null)!.MakeGenericMethod(typeof(ModuleInstance));

    public static readonly MethodInfo EmptyBytes = typeof(Array).GetMethod(nameof(Array.Empty))!.MakeGenericMethod(typeof(byte));
    public static readonly MethodInfo EmptyObjects = typeof(Array).GetMethod(nameof(Array.Empty))!.MakeGenericMethod(typeof(object));

    public static readonly MethodInfo MemoryGrow = Instance(typeof(MemoryInstance), nameof(MemoryInstance.Grow), typeof(uint));
    public static readonly MethodInfo TableGrow = Instance(typeof(TableInstance), nameof(TableInstance.Grow), typeof(uint), typeof(object));

    /// <summary>A static helper method that has no overloads.</summary>
    public static MethodInfo Static(Type type, string name) =>
        type.GetMethod(name, AnyStatic) ?? throw new MissingMethodException(type.FullName, name);

    public static FieldInfo GlobalField(ValType type) => type switch
    {
        ValType.I32 => GlobalI32,
        ValType.I64 => GlobalI64,
        ValType.F32 => GlobalF32,
        ValType.F64 => GlobalF64,
        _ => GlobalRef,
    };

    private static FieldInfo Field<T>(string name) =>
        typeof(T).GetField(name, AnyInstance) ?? throw new MissingFieldException(typeof(T).FullName, name);

    private static MethodInfo Instance(Type type, string name, params Type[] parameters) =>
        type.GetMethod(name, AnyInstance, parameters) ?? throw new MissingMethodException(type.FullName, name);
}
