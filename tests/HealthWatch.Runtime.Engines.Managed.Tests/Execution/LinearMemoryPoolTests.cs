using HealthWatch.Runtime.Engines.Managed.Execution;

namespace HealthWatch.Runtime.Engines.Managed.Tests.Execution;

public class LinearMemoryPoolTests
{
    private const int PageSize = MemoryType.PageSize;

    [Test]
    public void Rent_AfterReturn_GivesTheSameBufferZeroed()
    {
        var pool = new LinearMemoryPool();
        var buffer = pool.Rent(PageSize);
        buffer.AsSpan().Fill(0xAB);

        pool.Return(buffer);
        var again = pool.Rent(PageSize);

        again.Should().BeSameAs(buffer);
        again.Should().OnlyContain(b => b == 0);
        pool.RetainedBytes.Should().Be(0);
    }

    [Test]
    public async Task Return_OnAGuestThread_ZeroesTheBufferOnlyAfterTheWorkItem()
    {
        var pool = new LinearMemoryPool();
        var buffer = pool.Rent(PageSize);
        buffer.AsSpan().Fill(0xAB);
        var afterItem = new TaskCompletionSource<(bool Zeroed, byte[] Again)>(TaskCreationOptions.RunContinuationsAsynchronously);

        var duringItem = await GuestThreads.RunAsync(() =>
        {
            pool.Return(buffer);

            // Queued after the pool's zeroing, so it runs on the same thread once that is done.
            GuestThreads.TryRunWhenIdle(() => afterItem.SetResult((!buffer.AsSpan().ContainsAnyExcept((byte)0), pool.Rent(PageSize))));
            return buffer[PageSize - 1];
        });
        var (zeroed, again) = await afterItem.Task.WaitAsync(TimeSpan.FromSeconds(10));

        duringItem.Should().Be(0xAB, "the caller does not wait for the zeroing");
        zeroed.Should().BeTrue("the worker zeroes the buffer once the item's result is out");
        again.Should().BeSameAs(buffer);
        pool.RetainedBytes.Should().Be(0);
    }

    [Test]
    public async Task Rent_ReturnedInTheSameWorkItem_GivesTheBufferZeroed()
    {
        var pool = new LinearMemoryPool();
        var buffer = pool.Rent(PageSize);
        buffer.AsSpan().Fill(0xAB);

        var again = await GuestThreads.RunAsync(() =>
        {
            pool.Return(buffer);
            return pool.Rent(PageSize);
        });

        again.Should().BeSameAs(buffer);
        again.Should().OnlyContain(b => b == 0, "the deferred zeroing has not run yet, so taking the buffer zeroes it");
        pool.RetainedBytes.Should().Be(0);
    }

    [Test]
    public void Rent_OtherSize_DoesNotTakeAPooledBuffer()
    {
        var pool = new LinearMemoryPool();
        var buffer = pool.Rent(PageSize);
        pool.Return(buffer);

        var larger = pool.Rent(2 * PageSize);

        larger.Should().NotBeSameAs(buffer).And.HaveCount(2 * PageSize);
        pool.RetainedBytes.Should().Be(PageSize);
    }

    [Test]
    public void Return_LargerThanMaxPooledPages_KeepsNothing()
    {
        var pool = new LinearMemoryPool();

        pool.Return(new byte[(LinearMemoryPool.MaxPooledPages + 1) * PageSize]);

        pool.RetainedBytes.Should().Be(0);
    }

    [Test]
    public void Return_PastMaxRetainedBytes_KeepsNoMore()
    {
        var pool = new LinearMemoryPool();
        var size = LinearMemoryPool.MaxPooledPages * PageSize;

        for (var i = 0; i <= LinearMemoryPool.MaxRetainedBytes / size; i++)
        {
            pool.Return(new byte[size]);
        }

        pool.RetainedBytes.Should().Be(LinearMemoryPool.MaxRetainedBytes);
    }

    [Test]
    public void Dispose_ThenNewStore_ReusesTheBufferZeroedWithItsDataAgain()
    {
        using var engine = new ManagedEngine();
        var module = engine.LoadModule(ModuleBytes());
        var first = engine.CreateStore();
        var firstInstance = Instantiate(first, module);
        firstInstance.GetFunction("fill")!.Invoke([0xAB], []);
        var buffer = Memory(firstInstance).Buffer;

        first.Dispose();
        var second = Instantiate(engine.CreateStore(), module);

        Memory(second).Buffer.Should().BeSameAs(buffer, "a disposed store's buffer goes back to the engine's pool");
        Read(second, 150).Should().Be(0, "the run before wrote 0xAB there");
        Read(second, 0).Should().Be('d', "the data segment is applied again");
    }

    [Test]
    public void Dispose_WhileCodeRunsInTheStore_KeepsItsBufferOutOfThePool()
    {
        using var engine = new ManagedEngine();
        var module = engine.LoadModule(ModuleBytes());
        using var entered = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        var store = engine.CreateStore();
        var instance = Instantiate(store, module, () =>
        {
            entered.Set();
            release.Wait();
        });
        var buffer = Memory(instance).Buffer;
        var running = Task.Run(() => instance.GetFunction("call_host_then_fill")!.Invoke([], []));
        entered.Wait();

        store.Dispose();
        var next = Instantiate(engine.CreateStore(), module);
        release.Set();
        running.Wait();

        Memory(next).Buffer.Should().NotBeSameAs(buffer, "code still running in the disposed store writes to its buffer");
        buffer[150].Should().Be(0xCD, "the running call finished with its own memory");
        Read(next, 150).Should().Be(0);
        engine.MemoryPool.RetainedBytes.Should().Be(0);
    }

    [Test]
    public void Dispose_GrownMemory_IsNotPooled()
    {
        using var engine = new ManagedEngine();
        var module = engine.LoadModule(ModuleBytes());
        var store = engine.CreateStore();
        var instance = Instantiate(store, module);
        var result = new WasmValue[1];
        instance.GetFunction("grow")!.Invoke([], result);

        store.Dispose();

        result[0].AsInt32().Should().Be(1);
        engine.MemoryPool.RetainedBytes.Should().Be(0, "only buffers of a memory's initial size are pooled");
    }

    [Test]
    public void Dispose_Memory_IsDetachedAndTheStoreSealed()
    {
        using var engine = new ManagedEngine();
        var module = engine.LoadModule(ModuleBytes());
        var store = engine.CreateStore();
        var instance = Instantiate(store, module);
        var memory = instance.GetMemory("memory")!;

        store.Dispose();

        memory.Invoking(m => m.GetSpan(0, 1)).Should().Throw<ObjectDisposedException>();
        memory.Invoking(m => m.Grow(1)).Should().Throw<ObjectDisposedException>();
        memory.Length.Should().Be(0);
        instance.GetFunction("read")!.Invoking(f => f.Invoke([0], new WasmValue[1])).Should().Throw<ObjectDisposedException>();
        engine.MemoryPool.RetainedBytes.Should().Be(PageSize);
    }

    private static byte[] ModuleBytes() =>
        File.ReadAllBytes(Path.Combine(TestContext.CurrentContext.TestDirectory, "Modules", "Execution", "pool.wasm"));

    private static ManagedInstance Instantiate(IWasmStore store, IWasmModule module, Action? host = null)
    {
        var imports = new WasmImports().Define("env", "host", store.CreateFunction(new FuncType([], []), (_, _) => host?.Invoke()));
        return (ManagedInstance)store.Instantiate(module, imports);
    }

    private static MemoryInstance Memory(ManagedInstance instance) => instance.Instance.Memory!;

    private static int Read(IWasmInstance instance, int address)
    {
        var result = new WasmValue[1];
        instance.GetFunction("read")!.Invoke([address], result);
        return result[0].AsInt32();
    }
}
