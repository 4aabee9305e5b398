using System.Security.Cryptography;

namespace HealthWatch.Runtime.Capabilities.Basic;

/// <summary>The <c>random</c> capability's <c>healthwatch.random_fill(ptr, len)</c>.</summary>
internal static class RandomFunctions
{
    public static HostImport RandomFill { get; } = HostFunctions.Returning(HostFunctions.HealthWatch, "random_fill", HostFunctions.I32s(2), (context, a) =>
    {
        if (!context.Memory.TryGetSpan(a[0].AsInt32(), a[1].AsInt32(), out var buffer))
        {
            return context.Fail("random_fill", ProbeErrorCodes.InvalidArgument, $"the buffer ({a[0]}, {a[1]}) is outside memory");
        }

        RandomNumberGenerator.Fill(buffer);
        return 0;
    });
}
