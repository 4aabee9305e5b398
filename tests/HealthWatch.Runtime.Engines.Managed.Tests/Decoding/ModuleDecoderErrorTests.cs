using HealthWatch.Runtime.Engines.Managed.Decoding;
using static HealthWatch.Runtime.Engines.Managed.Tests.Decoding.TestModules;

namespace HealthWatch.Runtime.Engines.Managed.Tests.Decoding;

/// <summary>
/// Rejected modules: kind, the reference interpreter's message and the offset. In the one-function modules
/// below the code starts at offset 23 (header 8, type section 6, function section 4, code section header 3,
/// body size and locals 2).
/// </summary>
public class ModuleDecoderErrorTests
{
    private const ModuleErrorKind Malformed = ModuleErrorKind.Malformed;
    private const ModuleErrorKind Unsupported = ModuleErrorKind.Unsupported;
    private const int Code = 23;

    private static IEnumerable<TestCaseData> Cases()
    {
        // Header and section framing.
        yield return Case("Decode_Empty_UnexpectedEnd", [], Malformed, "unexpected end", 0);
        yield return Case("Decode_MagicOnly_UnexpectedEnd", [0x00, 0x61, 0x73, 0x6D], Malformed, "unexpected end", 4);
        yield return Case("Decode_WrongMagic_MagicHeaderNotDetected", [0x00, 0x61, 0x73, 0x6E, 0x01, 0x00, 0x00, 0x00], Malformed, "magic header not detected", 0);
        yield return Case("Decode_Version2_UnknownBinaryVersion", [0x00, 0x61, 0x73, 0x6D, 0x02, 0x00, 0x00, 0x00], Malformed, "unknown binary version", 4);
        yield return Case("Decode_SectionId14_MalformedSectionId", Module([14, 0x00]), Malformed, "malformed section id", 8);
        yield return Case("Decode_TagSection_Unsupported", Module([13, 0x00]), Unsupported, "unsupported feature: exception handling (tag section)", 8);
        yield return Case("Decode_SectionSizePastEnd_LengthOutOfBounds", Module([0x01, 0x05, 0x00]), Malformed, "length out of bounds", 9);
        yield return Case("Decode_SectionSizeLebTooLong_IntegerRepresentationTooLong", Module([0x01, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00]), Malformed, "integer representation too long", 14);
        yield return Case("Decode_SectionLongerThanContent_SectionSizeMismatch", Module(Section(1, 0x00, 0x00)), Malformed, "section size mismatch", 11);
        yield return Case("Decode_DuplicateSection_UnexpectedContentAfterLastSection", Module(VoidTypeSection, VoidTypeSection), Malformed, "unexpected content after last section", 14);
        yield return Case("Decode_TypeAfterFunctionSection_UnexpectedContentAfterLastSection", Module(FunctionSection(0), VoidTypeSection), Malformed, "unexpected content after last section", 11);
        yield return Case("Decode_DataCountAfterCode_UnexpectedContentAfterLastSection", Module(Section(10, 0x00), Section(12, 0x00)), Malformed, "unexpected content after last section", 11);
        yield return Case("Decode_HugeVectorCount_UnexpectedEndOfSection", Module(Section(1, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F)), Malformed, "unexpected end of section or function", 10);
        yield return Case("Decode_TruncatedLebInSection_UnexpectedEndOfSection", Module(Section(1, 0x80)), Malformed, "unexpected end of section or function", 11);
        yield return Case("Decode_CustomSectionNamePastSection_UnexpectedEndOfSection", Module(Section(0, 0x05, 0x61)), Malformed, "unexpected end of section or function", 11);

        // Consistency between sections.
        yield return Case("Decode_FunctionsWithoutCode_InconsistentLengths", Module(VoidTypeSection, FunctionSection(1)), Malformed, "function and code section have inconsistent lengths", 18);
        yield return Case("Decode_CodeWithoutFunctions_InconsistentLengths", Module(VoidTypeSection, OneBodyCodeSection(0x0B)), Malformed, "function and code section have inconsistent lengths", 16);
        yield return Case("Decode_DataCountDiffersFromData_InconsistentLengths", Module(Section(12, 0x02), Section(11, 0x00)), Malformed, "data count and data section have inconsistent lengths", 13);
        yield return Case("Decode_DataCountWithoutDataSection_InconsistentLengths", Module(Section(12, 0x01)), Malformed, "data count and data section have inconsistent lengths", 11);
        yield return Case(
            "Decode_DataDropWithoutDataCount_DataCountSectionRequired",
            Module(VoidTypeSection, FunctionSection(1), OneBodyCodeSection(0xFC, 0x09, 0x00, 0x0B), Section(11, 0x01, 0x01, 0x00)),
            Malformed,
            "data count section required",
            Code);

        // Types, imports, exports, globals, limits.
        yield return Case("Decode_FunctionTypeForm0x61_MalformedFunctionType", Module(Section(1, 0x01, 0x61, 0x00, 0x00)), Malformed, "malformed function type", 11);
        yield return Case("Decode_V128Parameter_Unsupported", Module(Section(1, 0x01, 0x60, 0x01, 0x7B, 0x00)), Unsupported, "unsupported feature: SIMD (v128)", 13);
        yield return Case("Decode_ImportKind4_MalformedImportKind", Module(Section(2, 0x01, 0x00, 0x00, 0x04)), Malformed, "malformed import kind", 13);
        yield return Case("Decode_ExportKind4_MalformedExportKind", Module(Section(7, 0x01, 0x00, 0x04, 0x00)), Malformed, "malformed export kind", 12);
        yield return Case("Decode_ExportNameBadUtf8_MalformedUtf8Encoding", Module(Section(7, 0x01, 0x01, 0xFF, 0x00, 0x00)), Malformed, "malformed UTF-8 encoding", 12);
        yield return Case("Decode_GlobalMutability2_MalformedMutability", Module(Section(6, 0x01, 0x7F, 0x02, 0x41, 0x00, 0x0B)), Malformed, "malformed mutability", 12);
        yield return Case("Decode_TableOfI32_MalformedReferenceType", Module(Section(4, 0x01, 0x7F, 0x00, 0x00)), Malformed, "malformed reference type", 11);
        yield return Case("Decode_LimitsFlags2_IntegerTooLarge", Module(Section(5, 0x01, 0x02, 0x00)), Malformed, "integer too large", 11);
        yield return Case("Decode_LimitsFlagsWithContinuation_IntegerRepresentationTooLong", Module(Section(5, 0x01, 0x81, 0x00, 0x00)), Malformed, "integer representation too long", 11);
        yield return Case("Decode_SharedMemory_Unsupported", Module(Section(5, 0x01, 0x03, 0x01, 0x02)), Unsupported, "unsupported feature: shared memory (threads)", 11);
        yield return Case("Decode_Memory64_Unsupported", Module(Section(5, 0x01, 0x04, 0x01)), Unsupported, "unsupported feature: 64-bit limits (memory64)", 11);

        // Segments.
        yield return Case("Decode_ElementFlags8_MalformedElementsSegmentKind", Module(Section(9, 0x01, 0x08)), Malformed, "malformed elements segment kind", 11);
        yield return Case("Decode_ElementKind1_MalformedElementKind", Module(Section(9, 0x01, 0x01, 0x01, 0x00)), Malformed, "malformed element kind", 12);
        yield return Case("Decode_DataFlags3_MalformedDataSegmentKind", Module(Section(11, 0x01, 0x03)), Malformed, "malformed data segment kind", 11);
        yield return Case("Decode_DataLongerThanSection_UnexpectedEndOfSection", Module(Section(11, 0x01, 0x01, 0x05, 0xAA)), Malformed, "unexpected end of section or function", 12);
        yield return Case("Decode_IllegalOpcodeInConstantExpression_IllegalOpcode", Module(Section(6, 0x01, 0x7F, 0x00, 0xFF, 0x0B)), Malformed, "illegal opcode", 13);

        // Function bodies.
        yield return Case("Decode_IllegalOpcode_IllegalOpcode", OneFunction(0xFF, 0x0B), Malformed, "illegal opcode", Code);
        yield return Case("Decode_MemorySizeReservedByte1_ZeroByteExpected", OneFunction(0x3F, 0x01, 0x1A, 0x0B), Malformed, "zero byte expected", Code + 1);
        yield return Case("Decode_BodyWithoutEnd_UnexpectedEndOfSection", OneFunction(0x01), Malformed, "unexpected end of section or function", Code + 1);
        yield return Case("Decode_BytesAfterFinalEnd_SectionSizeMismatch", OneFunction(0x0B, 0x01), Malformed, "section size mismatch", Code + 1);
        yield return Case("Decode_ElseOutsideIf_EndOpcodeExpected", OneFunction(0x05, 0x0B), Malformed, "END opcode expected", Code);
        yield return Case("Decode_SecondElse_EndOpcodeExpected", OneFunction(0x04, 0x40, 0x05, 0x05, 0x0B, 0x0B), Malformed, "END opcode expected", Code + 3);
        yield return Case("Decode_SimdOpcode_Unsupported", OneFunction(0xFD, 0x0C, 0x0B), Unsupported, "unsupported feature: SIMD", Code);
        yield return Case(
            "Decode_LocalCountOverflowingU32_TooManyLocalsMalformed",
            Module(VoidTypeSection, FunctionSection(1), Section(10, 0x01, 0x0A, 0x02, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F, 0x7F, 0x01, 0x7E, 0x0B)),
            Malformed,
            "too many locals",
            Code - 1);
        yield return Case(
            "Decode_MoreLocalsThanLimit_TooManyLocalsLimitExceeded",
            Module(VoidTypeSection, FunctionSection(1), Section(10, [0x01, 0x06, 0x01, .. Leb(DecoderLimits.MaxLocals + 1), 0x7F, 0x0B])),
            ModuleErrorKind.LimitExceeded,
            "too many locals",
            Code - 1);
    }

    private static IEnumerable<TestCaseData> LimitCases()
    {
        const int tooManyParameters = DecoderLimits.MaxParameters + 1;
        // The type section's size takes two bytes, so the parameter count is at 13.
        yield return Case(
            "Decode_TooManyParameters_LimitExceeded",
            Module(Section(1, [0x01, 0x60, .. Leb(tooManyParameters), .. Enumerable.Repeat((byte)0x7F, tooManyParameters), 0x00])),
            ModuleErrorKind.LimitExceeded,
            "too many parameters",
            13);
        yield return Case(
            "Decode_TooManyFunctions_LimitExceeded",
            Module(Section(3, [.. Leb(DecoderLimits.MaxDefinedFunctions + 1), .. new byte[DecoderLimits.MaxDefinedFunctions + 1]])),
            ModuleErrorKind.LimitExceeded,
            "too many functions",
            12);

        // 1,000 parameters and 49,001 locals: the parameters count towards the limit.
        byte[] typeSection = Section(1, [0x01, 0x60, .. Leb(DecoderLimits.MaxParameters), .. Enumerable.Repeat((byte)0x7F, DecoderLimits.MaxParameters), 0x00]);
        byte[] locals = [0x01, .. Leb(DecoderLimits.MaxLocals - DecoderLimits.MaxParameters + 1), 0x7F];
        yield return Case(
            "Decode_LocalsPlusParametersOverLimit_LimitExceeded",
            Module(typeSection, FunctionSection(1), Section(10, [0x01, (byte)(locals.Length + 1), .. locals, 0x0B])),
            ModuleErrorKind.LimitExceeded,
            "too many locals",
            HeaderSize + typeSection.Length + 4 + 4); // function section, then code section id, size, count, body size
    }

    [TestCaseSource(nameof(LimitCases))]
    public void Decode_OverImplementationLimit_ThrowsLimitExceeded(byte[] bytes, ModuleErrorKind kind, string message, int offset)
    {
        var act = () => ModuleDecoder.Decode(bytes);

        var error = act.Should().Throw<WasmModuleException>().Which;
        (error.Kind, error.Reason, error.Offset).Should().Be((kind, message, offset));
    }

    [TestCaseSource(nameof(Cases))]
    public void Decode_BadModule_ThrowsWithMessageAndOffset(byte[] bytes, ModuleErrorKind kind, string message, int offset)
    {
        var act = () => ModuleDecoder.Decode(bytes);

        var error = act.Should().Throw<WasmModuleException>().Which;
        (error.Kind, error.Reason, error.Offset).Should().Be((kind, message, offset));
    }

    [Test]
    public void Decode_LimitExactlyReached_DecodesLocals()
    {
        var bytes = Module(VoidTypeSection, FunctionSection(1), Section(10, [0x01, 0x06, 0x01, .. Leb(DecoderLimits.MaxLocals), 0x7F, 0x0B]));

        ModuleDecoder.Decode(bytes).Bodies[0].Locals.Should().HaveCount(DecoderLimits.MaxLocals);
    }

    [Test]
    public void Decode_MemoryInitWithoutAnyDataSegment_LeavesItToTheValidator()
    {
        // Without data segments the index is unknown anyway; the validator says so.
        var bytes = OneFunction(0x41, 0x00, 0x41, 0x00, 0x41, 0x00, 0xFC, 0x08, 0x00, 0x00, 0x0B);

        ModuleDecoder.Decode(bytes).Bodies.Should().ContainSingle();
    }

    private static TestCaseData Case(string name, byte[] bytes, ModuleErrorKind kind, string message, int offset) =>
        new TestCaseData(bytes, kind, message, offset).SetName(name);
}
