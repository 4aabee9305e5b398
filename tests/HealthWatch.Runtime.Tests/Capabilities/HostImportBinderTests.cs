using System.Text;
using HealthWatch.Runtime.Capabilities;
using HealthWatch.Runtime.Engines;
using HealthWatch.Runtime.Probes;

namespace HealthWatch.Runtime.Tests.Capabilities;

public sealed class HostImportBinderTests : CapabilityTestBase
{
    [Test]
    public void Bind_CapabilityNotGranted_ThrowsItsNameAndCreatesNothing()
    {
        using var store = new CountingStore(CreateStore());
        var grants = new ProbeGrants().Grant("log").Grant("clock").Grant("random");

        var bind = () => HostImportBinder.Bind(Module("healthwatch"), Registry, grants, Context(grants), store);

        var refusal = bind.Should().Throw<CapabilityNotGrantedException>().Which;
        refusal.Message.Should().Be("Capability not granted: env");
        refusal.Capability.Should().Be("env");
        refusal.Import.Should().Be("healthwatch.env_get");
        store.FunctionsCreated.Should().Be(0);
    }

    [Test]
    public void Bind_SeveralNotGranted_NamesTheFirstInDeclarationOrder()
    {
        var bind = () => HostImportBinder.Bind(Module("healthwatch"), Registry, ProbeGrants.None, Context(ProbeGrants.None), CreateStore());

        bind.Should().Throw<CapabilityNotGrantedException>().WithMessage("Capability not granted: log");
    }

    [Test]
    public void Bind_PathOpen_RefusesTheFilesystemCapability()
    {
        var bind = () => HostImportBinder.Bind(Module("path-open"), Registry, GrantAll(), Context(GrantAll()), CreateStore());

        bind.Should().Throw<CapabilityNotGrantedException>()
            .Which.Should().Match<CapabilityNotGrantedException>(e => e.Message == "Capability not granted: filesystem" && e.Import == "wasi_snapshot_preview1.path_open");
    }

    [Test]
    public void Bind_ImportNoCapabilityProvides_ThrowsUnknownImportBeforeAnyRefusal()
    {
        using var store = new CountingStore(CreateStore());

        // unknown.wat imports random_fill (not granted here) before env.foo: the link error still wins.
        var bind = () => HostImportBinder.Bind(Module("unknown"), Registry, ProbeGrants.None, Context(ProbeGrants.None), store);

        bind.Should().Throw<WasmLinkException>().Which.Should().Match<WasmLinkException>(e =>
            e.ImportModule == "env" && e.ImportName == "foo" && e.Reason == "unknown import");
        store.FunctionsCreated.Should().Be(0);
    }

    [Test]
    public void Bind_MemoryImport_ThrowsUnknownImport()
    {
        var bind = () => HostImportBinder.Bind(Module("unknown-memory"), Registry, ProbeGrants.None, Context(ProbeGrants.None), CreateStore());

        bind.Should().Throw<WasmLinkException>().WithMessage("unknown import: \"healthwatch\" \"memory\"");
    }

    [Test]
    public void Bind_FunctionOfAnotherType_ThrowsIncompatibleImportType()
    {
        var bind = () => HostImportBinder.Bind(Module("mismatch"), Registry, ProbeGrants.None, Context(ProbeGrants.None), CreateStore());

        bind.Should().Throw<WasmLinkException>().WithMessage("incompatible import type: \"healthwatch\" \"set_result\"");
    }

    [Test]
    public void Bind_OnlyAlwaysAvailableImports_NeedsNoGrant()
    {
        using var store = new CountingStore(CreateStore());
        var context = Context(ProbeGrants.None);

        var imports = HostImportBinder.Bind(Module("always"), Registry, ProbeGrants.None, context, store);

        store.Instantiate(Module("always"), imports).Should().NotBeNull();
        store.FunctionsCreated.Should().Be(12, "the module imports set_result twice, and one host function serves both");
    }

    [Test]
    public void Bind_EveryWasiFileSystemAndSocketFunction_HasWasiLibcsTypes()
    {
        var grants = new ProbeGrants().Grant("filesystem").Grant("sockets");

        var run = Start("wasi-unavailable", grants);

        run.Instance.Exports.Should().HaveCount(31);
        run.CallI32("path_open", 3, 0, 0, 11, 0, 2L, 0L, 0, 32).Should().Be(8, "EBADF: there are no preopened directories");
        run.CallI32("fd_read", 0, 0, 0, 0).Should().Be(8);
        run.CallI32("sock_send", 3, 0, 0, 0, 0).Should().Be(8);
    }

    [Test]
    public void Bind_TwoRuns_GetTheirOwnHostFunctionsAndState()
    {
        var first = Start("healthwatch", GrantAll());
        var second = Start("healthwatch", GrantAll());
        first.Write(0, "{\"success\":true}");

        first.CallI32("set_result", 0, 16).Should().Be(0);

        first.Instance.GetExport("set_result").Should().NotBeSameAs(second.Instance.GetExport("set_result"));
        Encoding.UTF8.GetString(first.Context.Verdict!).Should().Be("{\"success\":true}");
        second.Context.Verdict.Should().BeNull();
    }

    [Test]
    public void HostCall_Counted_AddsCallsAndTime()
    {
        var run = Start("healthwatch", GrantAll());

        run.CallI32("set_result_times", 0, 2, 3).Should().Be(0);
        run.Call("call_log", 2, 0, 2);

        run.Context.HostCalls.Should().Be(4);
        run.Context.HostCallTicks.Should().BePositive();
    }

    [Test]
    public void HostCall_PastTheLimit_ReturnsLimitWithoutRunning()
    {
        var run = Start("healthwatch", GrantAll(), ProbeLimits.Default with { MaxHostCalls = 2 });
        run.Write(0, "ab");

        run.CallI32("set_result_times", 0, 2, 2).Should().Be(0);
        run.Write(0, "cd");
        run.CallI32("set_result_times", 0, 2, 2).Should().Be(ProbeErrorCodes.Limit);

        Encoding.UTF8.GetString(run.Context.Verdict!).Should().Be("ab");
        run.Context.HostCalls.Should().Be(4);
        run.Logs.Should().ContainSingle(l => l.Level == ProbeLogLevel.Debug && l.Message.StartsWith("host call limit reached", StringComparison.Ordinal));
    }

    [Test]
    public void HostCall_PastTheLimitWithoutAnI32Result_TrapsWithHostError()
    {
        var run = Start("healthwatch", GrantAll(), ProbeLimits.Default with { MaxHostCalls = 0 });
        run.Write(0, "hi");

        var call = () => run.Call("call_log", 2, 0, 2);

        call.Should().Throw<WasmTrapException>().Which.Should().Match<WasmTrapException>(e =>
            e.Code == TrapCode.HostError && e.InnerException is HostCallLimitException);
        run.Lines().Should().BeEmpty();
    }

    [Test]
    public void HostCall_ProcExit_PropagatesTheExitThroughTheTrap()
    {
        var run = Start("wasi", GrantAll());

        var call = () => run.Call("exit_with", 3);

        call.Should().Throw<WasmTrapException>().Which.InnerException.Should().BeOfType<ProbeExitException>()
            .Which.ExitCode.Should().Be(3);
        run.Context.ExitCode.Should().Be(3);
    }

    private static ProbeContext Context(ProbeGrants grants) => new(grants, ProbeLimits.Default, CancellationToken.None);

    /// <summary>Counts the host functions created in a store.</summary>
    private sealed class CountingStore(IWasmStore inner) : IWasmStore
    {
        public int FunctionsCreated { get; private set; }

        public WasmStoreLimits Limits => inner.Limits;

        public long? RemainingFuel => inner.RemainingFuel;

        public void SetFuel(long fuel) => inner.SetFuel(fuel);

        public IWasmInstance Instantiate(IWasmModule module, WasmImports? imports = null, CancellationToken cancellationToken = default) =>
            inner.Instantiate(module, imports, cancellationToken);

        public IWasmFunction CreateFunction(FuncType type, HostFunctionCallback callback)
        {
            FunctionsCreated++;
            return inner.CreateFunction(type, callback);
        }

        public IWasmMemory CreateMemory(MemoryType type) => inner.CreateMemory(type);

        public IWasmTable CreateTable(TableType type, WasmValue initialValue) => inner.CreateTable(type, initialValue);

        public IWasmGlobal CreateGlobal(GlobalType type, WasmValue value) => inner.CreateGlobal(type, value);

        public void Dispose() => inner.Dispose();
    }
}
