using System.Text;
using HealthWatch.Runtime.Engines;

namespace HealthWatch.Runtime.Capabilities;

/// <summary>
/// The probe's linear memory as host functions see it: every range is checked, and a bad one is reported
/// (for the ABI's <see cref="ProbeErrorCodes.InvalidArgument"/>), never trusted.
/// </summary>
public sealed class GuestMemory
{
    private static readonly UTF8Encoding StrictUtf8 = new(false, true);
    private IWasmMemory? _memory;

    internal GuestMemory()
    {
    }

    /// <summary>Whether the probe exports a memory.</summary>
    public bool IsAvailable => _memory is not null;

    /// <summary>The bytes at [<paramref name="address"/>, <paramref name="address"/> + <paramref name="length"/>), if inside memory.</summary>
    public bool TryGetSpan(int address, int length, out Span<byte> span)
    {
        span = default;
        if (_memory is null || address < 0 || length < 0 || (long)(uint)address + (uint)length > _memory.Length)
        {
            return false;
        }

        span = _memory.GetSpan(address, length);
        return true;
    }

    /// <summary>The UTF-8 string at the range, or null when the range is outside memory or not valid UTF-8.</summary>
    public string? ReadString(int address, int length)
    {
        if (!TryGetSpan(address, length, out var span))
        {
            return null;
        }

        try
        {
            return StrictUtf8.GetString(span);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }

    /// <summary>
    /// Writes output the ABI way: copies <c>min(data.Length, capacity)</c> bytes to <paramref name="address"/>
    /// and returns <c>data.Length</c>; returns <see cref="ProbeErrorCodes.InvalidArgument"/> when the buffer is
    /// outside memory.
    /// </summary>
    public int WriteOutput(int address, int capacity, ReadOnlySpan<byte> data)
    {
        if (!TryGetSpan(address, capacity, out var target))
        {
            return ProbeErrorCodes.InvalidArgument;
        }

        data[..Math.Min(data.Length, capacity)].CopyTo(target);
        return data.Length;
    }

    internal void Attach(IWasmMemory? memory) => _memory = memory;
}
