using HealthWatch.Runtime.Conformance.Values;

namespace HealthWatch.Runtime.Tests.Conformance;

public class FloatBitsTests
{
    [TestCase(0x7FC0_0000u, true, true)]
    [TestCase(0xFFC0_0000u, true, true)]
    [TestCase(0x7FC0_0001u, false, true)]
    [TestCase(0xFFE0_0000u, false, true)]
    [TestCase(0x7FA0_0000u, false, false)] // signalling NaN
    [TestCase(0x7F80_0001u, false, false)] // signalling NaN, lowest payload
    [TestCase(0x7F80_0000u, false, false)] // +infinity
    [TestCase(0x3FC0_0000u, false, false)] // 1.5: quiet bit pattern without the NaN exponent
    [TestCase(0u, false, false)]
    public void Nan32(uint bits, bool canonical, bool arithmetic)
    {
        FloatBits.IsCanonicalNan32(bits).Should().Be(canonical);
        FloatBits.IsArithmeticNan32(bits).Should().Be(arithmetic);
    }

    [TestCase(0x7FF8_0000_0000_0000ul, true, true)]
    [TestCase(0xFFF8_0000_0000_0000ul, true, true)]
    [TestCase(0x7FF8_0000_0000_0001ul, false, true)]
    [TestCase(0xFFFC_0000_0000_0000ul, false, true)]
    [TestCase(0x7FF4_0000_0000_0000ul, false, false)] // signalling NaN
    [TestCase(0x7FF0_0000_0000_0001ul, false, false)] // signalling NaN, lowest payload
    [TestCase(0xFFF0_0000_0000_0000ul, false, false)] // -infinity
    [TestCase(0x3FF8_0000_0000_0000ul, false, false)] // 1.5
    public void Nan64(ulong bits, bool canonical, bool arithmetic)
    {
        FloatBits.IsCanonicalNan64(bits).Should().Be(canonical);
        FloatBits.IsArithmeticNan64(bits).Should().Be(arithmetic);
    }
}
