using HealthWatch.Runtime.Capabilities.Wasi;
using HealthWatch.Runtime.Probes;

namespace HealthWatch.Runtime.Tests.Capabilities.Wasi;

public sealed class WasiStdioTests : CapabilityTestBase
{
    private const int Badf = 8;
    private const int Fault = 21;

    [Test]
    public void FdWrite_Stdout_LogsEachLineAtInformation()
    {
        var run = Start("wasi", GrantAll());

        Write(run, 1, "first line\nsecond ").Should().Be(0);
        Write(run, 1, "half\r\nthird\n").Should().Be(0);

        run.ReadUInt32(996).Should().Be(12, "nwritten");
        run.Lines().Should().Equal(
            (ProbeLogLevel.Information, "first line"),
            (ProbeLogLevel.Information, "second half"),
            (ProbeLogLevel.Information, "third"));
    }

    [Test]
    public void FdWrite_Stderr_LogsAtWarning()
    {
        var run = Start("wasi", GrantAll());

        Write(run, 2, "oops\n");

        run.Lines().Should().Equal((ProbeLogLevel.Warning, "oops"));
    }

    [Test]
    public void FdWrite_SeveralIovecs_JoinsThemAndReportsTheTotal()
    {
        var run = Start("wasi", GrantAll());
        run.Write(100, "hel");
        run.Write(200, "lo\n");
        WriteIovec(run, 0, 100, 3);
        WriteIovec(run, 8, 300, 0);
        WriteIovec(run, 16, 200, 3);

        run.CallI32("fd_write", 1, 0, 3, 996).Should().Be(0);

        run.ReadUInt32(996).Should().Be(6);
        run.Lines().Should().Equal((ProbeLogLevel.Information, "hello"));
    }

    [Test]
    public void FdWrite_PartialLine_IsLoggedWhenTheLogsAreRead()
    {
        var run = Start("wasi", GrantAll());

        Write(run, 1, "done\nno newline");
        Write(run, 2, "err");

        run.Lines().Should().Equal(
            (ProbeLogLevel.Information, "done"),
            (ProbeLogLevel.Information, "no newline"),
            (ProbeLogLevel.Warning, "err"));
    }

    [Test]
    public void FdWrite_LineLongerThanTheBuffer_IsLoggedInPieces()
    {
        var run = Start("wasi", GrantAll());
        var text = new string('x', WasiStdio.MaxLineBytes + 10) + "\n";

        Write(run, 1, text).Should().Be(0);

        run.Lines().Select(l => l.Message.Length).Should().Equal(WasiStdio.MaxLineBytes, 10);
    }

    [Test]
    public void FdWrite_EmptyLines_AreKept()
    {
        var run = Start("wasi", GrantAll());

        Write(run, 1, "a\n\nb\n");

        run.Lines().Select(l => l.Message).Should().Equal("a", string.Empty, "b");
    }

    [TestCase(0)]
    [TestCase(3)]
    [TestCase(-1)]
    public void FdWrite_NotStdoutOrStderr_ReturnsBadf(int fd)
    {
        var run = Start("wasi", GrantAll());

        Write(run, fd, "x\n").Should().Be(Badf);

        run.Lines().Should().BeEmpty();
    }

    [Test]
    public void FdWrite_IovecOutsideMemory_ReturnsFaultAndWritesNothing()
    {
        var run = Start("wasi", GrantAll());
        run.Write(100, "ok\n");
        WriteIovec(run, 0, 100, 3);
        WriteIovec(run, 8, 65530, 10);

        run.CallI32("fd_write", 1, 0, 2, 996).Should().Be(Fault);
        run.CallI32("fd_write", 1, 65532, 1, 996).Should().Be(Fault);
        run.CallI32("fd_write", 1, 0, 1, 65534).Should().Be(Fault);

        run.Lines().Should().BeEmpty();
    }

    [Test]
    public void FdClose_Stdout_ClosesItAndFlushesThePartialLine()
    {
        var run = Start("wasi", GrantAll());
        Write(run, 1, "partial");

        run.CallI32("fd_close", 1).Should().Be(0);

        run.Lines().Should().Equal((ProbeLogLevel.Information, "partial"));
        Write(run, 1, "more\n").Should().Be(Badf);
        run.CallI32("fd_close", 1).Should().Be(Badf);
        run.CallI32("fd_fdstat_get", 1, 0).Should().Be(Badf);
    }

    [Test]
    public void FdClose_OtherFd_ReturnsBadf()
    {
        var run = Start("wasi", GrantAll());

        run.CallI32("fd_close", 3).Should().Be(Badf);
    }

    [TestCase(0, 1UL << 1)]
    [TestCase(1, 1UL << 6)]
    [TestCase(2, 1UL << 6)]
    public void FdFdstatGet_Stdio_IsACharacterDeviceWithoutSeek(int fd, ulong rights)
    {
        var run = Start("wasi", GrantAll());
        run.Bytes(100, 24).Fill(0xAA);

        run.CallI32("fd_fdstat_get", fd, 100).Should().Be(0);

        run.Bytes(100, 1)[0].Should().Be(2, "filetype character_device");
        run.Bytes(101, 7).ToArray().Should().OnlyContain(b => b == 0, "padding and no fd flags");
        run.ReadUInt64(108).Should().Be(rights);
        run.ReadUInt64(116).Should().Be(0);
    }

    [Test]
    public void FdFdstatGet_OtherFdOrBadBuffer_Fails()
    {
        var run = Start("wasi", GrantAll());

        run.CallI32("fd_fdstat_get", 3, 100).Should().Be(Badf);
        run.CallI32("fd_fdstat_get", 1, 65530).Should().Be(Fault);
    }

    [Test]
    public void FdSeek_Stdio_ReturnsSpipeAndOtherFdsBadf()
    {
        var run = Start("wasi", GrantAll());

        run.CallI32("fd_seek", 1, 0L, 0, 100).Should().Be(70);
        run.CallI32("fd_seek", 5, 0L, 0, 100).Should().Be(Badf);
    }

    /// <summary>Writes <paramref name="text"/> at 1000 and one iovec for it at 0; nwritten goes to 996.</summary>
    private static int Write(ModuleRun run, int fd, string text)
    {
        run.Write(1000, text);
        WriteIovec(run, 0, 1000, System.Text.Encoding.UTF8.GetByteCount(text));
        return run.CallI32("fd_write", fd, 0, 1, 996);
    }

    private static void WriteIovec(ModuleRun run, int address, int buffer, int length)
    {
        BitConverter.TryWriteBytes(run.Bytes(address, 4), buffer);
        BitConverter.TryWriteBytes(run.Bytes(address + 4, 4), length);
    }
}
