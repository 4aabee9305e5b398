namespace HealthWatch.Runtime.Engines;

/// <summary>A WebAssembly value type. The numeric values are the type's encoding in the binary format.</summary>
public enum ValType : byte
{
    /// <summary>32-bit integer.</summary>
    I32 = 0x7F,

    /// <summary>64-bit integer.</summary>
    I64 = 0x7E,

    /// <summary>32-bit IEEE 754 float.</summary>
    F32 = 0x7D,

    /// <summary>64-bit IEEE 754 float.</summary>
    F64 = 0x7C,

    /// <summary>128-bit vector. Decoded so that it can be rejected as unsupported.</summary>
    V128 = 0x7B,

    /// <summary>A reference to a function, or null.</summary>
    FuncRef = 0x70,

    /// <summary>A reference to a host object, or null.</summary>
    ExternRef = 0x6F,
}

/// <summary>Helpers for <see cref="ValType"/>.</summary>
public static class ValTypeExtensions
{
    /// <summary>Whether the type is a reference type (<c>funcref</c> or <c>externref</c>).</summary>
    public static bool IsReference(this ValType type) => type is ValType.FuncRef or ValType.ExternRef;

    /// <summary>The type's name in the text format, e.g. <c>i32</c> or <c>funcref</c>.</summary>
    public static string ToWatName(this ValType type) => type switch
    {
        ValType.I32 => "i32",
        ValType.I64 => "i64",
        ValType.F32 => "f32",
        ValType.F64 => "f64",
        ValType.V128 => "v128",
        ValType.FuncRef => "funcref",
        ValType.ExternRef => "externref",
        _ => $"0x{(byte)type:x2}",
    };
}
