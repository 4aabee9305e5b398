namespace HealthWatch.Runtime.Engines.Managed.Execution;

/// <summary>The public face of a global.</summary>
internal sealed partial class GlobalInstance : IWasmGlobal
{
    public GlobalInstance(GlobalType type, ManagedStore? owner)
    {
        GlobalType = type;
        Owner = owner;
    }

    /// <summary>The store that created the global; null only for globals made outside a store.</summary>
    public ManagedStore? Owner { get; }

    public GlobalType GlobalType { get; }

    public ExternType Type => GlobalType;

    public WasmValue Value
    {
        get => GlobalType.ValueType switch
        {
            ValType.I32 => WasmValue.FromInt32(I32),
            ValType.I64 => WasmValue.FromInt64(I64),
            ValType.F32 => ValueMarshal.FromF32(F32),
            ValType.F64 => ValueMarshal.FromF64(F64),
            var type => ValueMarshal.FromReference(type, Ref),
        };
        set
        {
            if (!GlobalType.Mutable)
            {
                throw new InvalidOperationException("The global is immutable.");
            }

            ValueMarshal.Check(value, Owner, GlobalType.ValueType, nameof(value));
            Initialize(value);
        }
    }

    /// <summary>Sets the value without the mutability check; the value is already known to have the right type.</summary>
    public void Initialize(in WasmValue value)
    {
        switch (GlobalType.ValueType)
        {
            case ValType.I32:
                I32 = ValueMarshal.ToI32(value);
                break;
            case ValType.I64:
                I64 = ValueMarshal.ToI64(value);
                break;
            case ValType.F32:
                F32 = ValueMarshal.ToF32(value);
                break;
            case ValType.F64:
                F64 = ValueMarshal.ToF64(value);
                break;
            default:
                Ref = value.AsReference();
                break;
        }
    }
}
