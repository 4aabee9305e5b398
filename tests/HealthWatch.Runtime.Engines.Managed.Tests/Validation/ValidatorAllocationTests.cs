using HealthWatch.Runtime.Engines.Managed.Decoding;
using HealthWatch.Runtime.Engines.Managed.Validation;

namespace HealthWatch.Runtime.Engines.Managed.Tests.Validation;

/// <summary>
/// Validation must stay cheap on big modules: it allocates per module and per type, never per function or
/// per instruction. Counting bytes is deterministic where timing is not.
/// </summary>
public class ValidatorAllocationTests
{
    [Test]
    public void Validate_ManyFunctions_AllocatesNothingPerInstruction()
    {
        const int Functions = 200;
        const int RepeatsPerFunction = 50;
        var module = ModuleDecoder.Decode(BuildModule(Functions, RepeatsPerFunction));
        ModuleValidator.Validate(module);

        var before = GC.GetAllocatedBytesForCurrentThread();
        ModuleValidator.Validate(module);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        // About 80,000 instructions: one object each would be megabytes. What remains are the context's arrays.
        allocated.Should().BeLessThan(16 * 1024);
    }

    /// <summary>Functions of type [i32] -> [i32] that repeat an add, a local.set and a block.</summary>
    private static byte[] BuildModule(int functions, int repeats)
    {
        byte[] pattern =
        [
            0x20, 0x00, 0x41, 0x01, 0x6A, 0x21, 0x00, // local.set 0 (i32.add (local.get 0) (i32.const 1))
            0x02, 0x7F, 0x20, 0x00, 0x0B, 0x1A, // drop (block (result i32) (local.get 0))
        ];
        var body = new List<byte> { 0x00 }; // no locals
        for (var i = 0; i < repeats; i++)
        {
            body.AddRange(pattern);
        }

        body.AddRange([0x20, 0x00, 0x0B]);

        var functionSection = new List<byte>(Leb(functions));
        functionSection.AddRange(new byte[functions]);
        var codeSection = new List<byte>(Leb(functions));
        for (var i = 0; i < functions; i++)
        {
            codeSection.AddRange(Leb(body.Count));
            codeSection.AddRange(body);
        }

        var bytes = new List<byte> { 0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00 };
        AddSection(bytes, 1, [0x01, 0x60, 0x01, 0x7F, 0x01, 0x7F]);
        AddSection(bytes, 3, functionSection);
        AddSection(bytes, 10, codeSection);
        return [.. bytes];
    }

    private static void AddSection(List<byte> module, byte id, List<byte> content)
    {
        module.Add(id);
        module.AddRange(Leb(content.Count));
        module.AddRange(content);
    }

    private static byte[] Leb(int value)
    {
        var bytes = new List<byte>();
        do
        {
            var b = (byte)(value & 0x7F);
            value >>= 7;
            bytes.Add(value == 0 ? b : (byte)(b | 0x80));
        }
        while (value != 0);

        return [.. bytes];
    }
}
