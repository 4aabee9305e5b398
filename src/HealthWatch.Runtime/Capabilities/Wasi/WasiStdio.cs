using System.Buffers.Binary;
using System.Text;
using HealthWatch.Runtime.Capabilities.Basic;
using HealthWatch.Runtime.Engines;
using HealthWatch.Runtime.Probes;
using static HealthWatch.Runtime.Engines.ValType;

namespace HealthWatch.Runtime.Capabilities.Wasi;

/// <summary>
/// WASI stdio: fds 0-2 are character devices, and what a probe writes to stdout or stderr becomes log lines
/// (information and warning). Each run has its own state: which of the three are closed, and the partial lines.
/// </summary>
internal sealed class WasiStdio : IPendingLog
{
    /// <summary>A longer line is logged in pieces, so a probe that never writes a newline cannot grow the buffer.</summary>
    public const int MaxLineBytes = 8 * 1024;

    // https://github.com/WebAssembly/WASI/blob/main/legacy/preview1/docs.md#filetype and #rights
    private const byte CharacterDevice = 2;
    private const ulong RightFdRead = 1 << 1;
    private const ulong RightFdWrite = 1 << 6;
    private const int FdstatSize = 24;
    private const int IovecSize = 8;

    private readonly bool[] _closed = new bool[3];
    private readonly LineBuffer _stdout = new(ProbeLogLevel.Information);
    private readonly LineBuffer _stderr = new(ProbeLogLevel.Warning);

    /// <summary><c>fd_write</c>, which the <c>log</c> capability provides.</summary>
    public static HostImport FdWrite { get; } = HostFunctions.Returning(HostFunctions.Wasi, "fd_write", HostFunctions.I32s(4), Write);

    /// <summary>The stdio bookkeeping every run has.</summary>
    public static IReadOnlyList<HostImport> Always { get; } =
    [
        HostFunctions.Returning(HostFunctions.Wasi, "fd_close", [I32], Close),
        HostFunctions.Returning(HostFunctions.Wasi, "fd_fdstat_get", [I32, I32], FdstatGet),
        HostFunctions.Returning(HostFunctions.Wasi, "fd_seek", [I32, I64, I32, I32], (context, a) =>
            Of(context).IsOpen(a[0].AsInt32()) ? context.Fail("fd_seek", WasiErrno.Spipe, "stdio cannot seek") : BadFd(context, "fd_seek", a[0])),
    ];

    public void Flush(ProbeContext context)
    {
        _stdout.Flush(context);
        _stderr.Flush(context);
    }

    private static WasiStdio Of(ProbeContext context) => context.GetState(() => new WasiStdio());

    private static int BadFd(ProbeContext context, string function, WasmValue fd) =>
        context.Fail(function, WasiErrno.Badf, $"fd {fd} is not open (only stdio, fds 0-2, exists)");

    private bool IsOpen(int fd) => fd is >= 0 and <= 2 && !_closed[fd];

    private static int Write(ProbeContext context, ReadOnlySpan<WasmValue> a)
    {
        const string Function = "fd_write";
        var stdio = Of(context);
        var (fd, iovs, count, writtenPointer) = (a[0].AsInt32(), a[1].AsInt32(), a[2].AsInt32(), a[3].AsInt32());
        if (fd is not (1 or 2) || !stdio.IsOpen(fd))
        {
            return BadFd(context, Function, a[0]);
        }

        // Check every buffer and the result pointer before logging anything, so a fault writes nothing.
        if (!context.Memory.TryGetArray(iovs, count, IovecSize, out var vectors) || !context.Memory.TryGetSpan(writtenPointer, sizeof(uint), out _))
        {
            return context.Fail(Function, WasiErrno.Fault, "the iovec array or the result pointer is outside memory");
        }

        long total = 0;
        for (var i = 0; i < vectors.Length; i += IovecSize)
        {
            if (!context.Memory.TryGetBuffer(vectors[i..], out var buffer))
            {
                return context.Fail(Function, WasiErrno.Fault, $"iovec {i / IovecSize} points outside memory");
            }

            total += buffer.Length;
        }

        if (total > int.MaxValue)
        {
            return context.Fail(Function, WasiErrno.Inval, "the buffers add up to more than 2 GiB");
        }

        var lines = fd == 1 ? stdio._stdout : stdio._stderr;
        for (var i = 0; i < vectors.Length && !context.LogTruncated; i += IovecSize)
        {
            context.Memory.TryGetBuffer(vectors[i..], out var buffer);
            lines.Write(context, buffer);
        }

        context.Memory.TryWriteUInt32(writtenPointer, (uint)total);
        return WasiErrno.Success;
    }

    private static int Close(ProbeContext context, ReadOnlySpan<WasmValue> a)
    {
        var stdio = Of(context);
        var fd = a[0].AsInt32();
        if (!stdio.IsOpen(fd))
        {
            return BadFd(context, "fd_close", a[0]);
        }

        stdio._closed[fd] = true;
        (fd == 1 ? stdio._stdout : fd == 2 ? stdio._stderr : null)?.Flush(context);
        return WasiErrno.Success;
    }

    private static int FdstatGet(ProbeContext context, ReadOnlySpan<WasmValue> a)
    {
        var fd = a[0].AsInt32();
        if (!Of(context).IsOpen(fd))
        {
            return BadFd(context, "fd_fdstat_get", a[0]);
        }

        if (!context.Memory.TryGetSpan(a[1].AsInt32(), FdstatSize, out var fdstat))
        {
            return context.Fail("fd_fdstat_get", WasiErrno.Fault, "the fdstat buffer is outside memory");
        }

        // fdstat: filetype u8 @0, flags u16 @2, rights_base u64 @8, rights_inheriting u64 @16. A character device
        // without seek/tell rights is what wasi-libc's isatty() looks for, so stdout is line-buffered, not held back.
        fdstat.Clear();
        fdstat[0] = CharacterDevice;
        BinaryPrimitives.WriteUInt64LittleEndian(fdstat[8..], fd == 0 ? RightFdRead : RightFdWrite);
        return WasiErrno.Success;
    }

    /// <summary>Collects bytes into lines and logs each complete one.</summary>
    private sealed class LineBuffer(ProbeLogLevel level)
    {
        private byte[]? _line;
        private int _length;

        public void Write(ProbeContext context, ReadOnlySpan<byte> data)
        {
            _line ??= new byte[MaxLineBytes];
            while (!data.IsEmpty)
            {
                var newline = data.IndexOf((byte)'\n');
                var take = Math.Min(newline < 0 ? data.Length : newline, MaxLineBytes - _length);
                data[..take].CopyTo(_line.AsSpan(_length));
                _length += take;
                data = data[take..];
                if (take == newline)
                {
                    data = data[1..];
                    Emit(context);
                }
                else if (_length == MaxLineBytes)
                {
                    Emit(context);
                }
            }
        }

        public void Flush(ProbeContext context)
        {
            if (_length > 0)
            {
                Emit(context);
            }
        }

        private void Emit(ProbeContext context)
        {
            var line = _line.AsSpan(0, _length);
            _length = 0;
            context.Log(level, Encoding.UTF8.GetString(line.EndsWith((byte)'\r') ? line[..^1] : line));
        }
    }
}
