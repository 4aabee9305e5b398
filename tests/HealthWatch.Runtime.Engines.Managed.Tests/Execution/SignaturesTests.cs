using System.Runtime.CompilerServices;
using HealthWatch.Runtime.Engines.Managed.Execution;

namespace HealthWatch.Runtime.Engines.Managed.Tests.Execution;

public class SignaturesTests
{
    [Test]
    public void Get_MoreFunctionTypesThanCapacity_KeepsTheCacheBounded()
    {
        var signatures = new Signatures(capacity: 4);

        for (var i = 0; i < 20; i++)
        {
            signatures.Get(TypeWithParameters(i));
            signatures.Count.Should().BeLessThanOrEqualTo(4);
        }
    }

    [Test]
    public void Get_SameTypeWithinCapacity_ReturnsTheCachedCode()
    {
        var signatures = new Signatures(capacity: 4);

        var first = signatures.Get(TypeWithParameters(2));

        signatures.Get(TypeWithParameters(2)).Should().BeSameAs(first);
    }

    [Test]
    public void Get_AfterTheCacheStartedOver_GeneratesWorkingCodeAgain()
    {
        var signatures = new Signatures(capacity: 2);
        var held = signatures.Get(TypeWithParameters(1));
        for (var i = 2; i < 6; i++)
        {
            signatures.Get(TypeWithParameters(i));
        }

        var again = signatures.Get(TypeWithParameters(1));

        again.Should().NotBeSameAs(held);
        again.TrampolinePointer.Should().NotBe(0);
        held.TrampolinePointer.Should().NotBe(0);
    }

    [Test]
    public void Get_CodeNobodyHoldsAfterTheCacheStartedOver_CanBeCollected()
    {
        var signatures = new Signatures(capacity: 2);
        var dropped = GetWeakly(signatures, TypeWithParameters(1));
        for (var i = 2; i < 6; i++)
        {
            signatures.Get(TypeWithParameters(i));
        }

        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();

        dropped.TryGetTarget(out _).Should().BeFalse();
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static WeakReference<SignatureCode> GetWeakly(Signatures signatures, FuncType type) => new(signatures.Get(type));

    private static FuncType TypeWithParameters(int count) => new([.. Enumerable.Repeat(ValType.I32, count)], [ValType.I64]);
}
