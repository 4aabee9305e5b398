using System.Text;
using HealthWatch.Runtime.Engines.Managed.Decoding;
using HealthWatch.Runtime.Engines.Managed.Model;
using static HealthWatch.Runtime.Engines.Managed.Tests.Decoding.TestModules;

namespace HealthWatch.Runtime.Engines.Managed.Tests.Decoding;

public class ModuleDecoderTests
{
    private static ModuleDefinition AllSections => ModuleDecoder.Decode(Load("all-sections.wasm"));

    [Test]
    public void Decode_HeaderOnly_ReturnsEmptyModule()
    {
        var module = ModuleDecoder.Decode(Header);

        module.Types.Should().BeEmpty();
        module.Bodies.Should().BeEmpty();
        module.StartFunction.Should().BeNull();
        module.DataCount.Should().BeNull();
        module.Names.ModuleName.Should().BeNull();
    }

    [Test]
    public void Decode_AllSections_ReadsTypes()
    {
        var types = AllSections.Types;

        types.Should().HaveCount(3);
        types[0].Should().Be(new FuncType([ValType.I32, ValType.I32], [ValType.I32]));
        types[1].Should().Be(new FuncType([], []));
        types[2].Should().Be(new FuncType([ValType.I32], []));
    }

    [Test]
    public void Decode_AllSections_ReadsImportsAndCountsIndexSpaces()
    {
        var module = AllSections;

        module.Imports.Select(i => (i.Module, i.Name, i.Kind)).Should().Equal(
            ("env", "log", ExternKind.Function),
            ("env", "table", ExternKind.Table),
            ("env", "memory", ExternKind.Memory),
            ("env", "counter", ExternKind.Global));
        module.Imports[0].FunctionTypeIndex.Should().Be(2);
        module.Imports[1].Table.Should().Be(new TableType(ValType.FuncRef, new Limits(1, 10)));
        module.Imports[2].Memory.Should().Be(new MemoryType(new Limits(1, null)));
        module.Imports[3].Global.Should().Be(new GlobalType(ValType.I64, mutable: true));
        (module.ImportedFunctionCount, module.ImportedTableCount, module.ImportedMemoryCount, module.ImportedGlobalCount)
            .Should().Be((1, 1, 1, 1));
        (module.TotalFunctionCount, module.TotalTableCount, module.TotalMemoryCount, module.TotalGlobalCount)
            .Should().Be((3, 2, 1, 3));
    }

    [Test]
    public void Decode_AllSections_ReadsFunctionsTablesAndGlobals()
    {
        var module = AllSections;

        module.FunctionTypeIndices.Should().Equal(0, 1);
        module.Tables.Should().Equal(new TableType(ValType.ExternRef, new Limits(2, null)));
        module.Memories.Should().BeEmpty();
        module.Globals.Select(g => g.Type).Should().Equal(new GlobalType(ValType.F32, mutable: true), new GlobalType(ValType.F64, mutable: false));
        var bytes = module.Bytes.Span;
        var init = module.Globals[0].Initializer;
        bytes.Slice(init.Offset, init.Length).ToArray().Should().Equal(0x43, 0x00, 0x00, 0xC0, 0x3F, 0x0B);
        module.Globals[1].Initializer.Length.Should().Be(10, "f64.const, 8 bytes, end");
    }

    [Test]
    public void Decode_AllSections_ReadsExportsAndStart()
    {
        var module = AllSections;

        module.Exports.Should().Equal(
            new ExportDefinition("add", ExternKind.Function, 1),
            new ExportDefinition("g", ExternKind.Global, 1),
            new ExportDefinition("t", ExternKind.Table, 1));
        module.StartFunction.Should().Be(2);
    }

    [Test]
    public void Decode_AllSections_ReadsBodiesWithExpandedLocalsAndCodeRanges()
    {
        var module = AllSections;
        var bytes = module.Bytes.Span;

        module.Bodies.Should().HaveCount(2);
        var add = module.Bodies[0];
        add.Locals.Should().Equal(ValType.I64, ValType.F32, ValType.F32);
        bytes.Slice(add.CodeOffset, add.CodeLength).ToArray().Should().Equal(0x20, 0x00, 0x20, 0x01, 0x6A, 0x0B);
        bytes[add.BodyOffset].Should().Be(11, "the size field of the body");
        var init = module.Bodies[1];
        init.Locals.Should().BeEmpty();
        bytes[init.CodeOffset + init.CodeLength - 1].Should().Be(0x0B);
        (init.CodeOffset + init.CodeLength).Should().Be(init.BodyOffset + 1 + 30, "the code runs to the end of the 30-byte body");
    }

    [Test]
    public void Decode_AllSections_ReadsElementAndDataSegments()
    {
        var module = AllSections;
        var bytes = module.Bytes.Span;

        module.Elements.Should().ContainSingle();
        var element = module.Elements[0];
        (element.Mode, element.ElementType, element.TableIndex).Should().Be((SegmentMode.Active, ValType.FuncRef, 0));
        element.FunctionIndices.Should().Equal(1);
        module.DataCount.Should().Be(2);
        module.Data.Select(d => (d.Mode, d.MemoryIndex)).Should().Equal((SegmentMode.Active, 0), (SegmentMode.Passive, 0));
        Encoding.ASCII.GetString(bytes.Slice(module.Data[0].DataOffset, module.Data[0].DataLength)).Should().Be("hello");
        Encoding.ASCII.GetString(bytes.Slice(module.Data[1].DataOffset, module.Data[1].DataLength)).Should().Be("world!");
        var offset = module.Data[0].Offset;
        bytes.Slice(offset.Offset, offset.Length).ToArray().Should().Equal(0x41, 0x10, 0x0B);
    }

    [Test]
    public void Decode_AllSections_ReadsNameSection()
    {
        var module = AllSections;

        module.Names.ModuleName.Should().Be("sample");
        module.Names.FunctionNames.Should().BeEquivalentTo(new Dictionary<int, string> { [0] = "log", [1] = "add", [2] = "init" });
        module.CustomSections.Should().ContainSingle().Which.Name.Should().Be("name");
    }

    [Test]
    public void Decode_ElementSegments_ReadsAllEightEncodings()
    {
        var elements = ModuleDecoder.Decode(Load("element-segments.wasm")).Elements;

        elements.Select(e => (e.Mode, e.TableIndex, e.ElementType, e.Count, e.FunctionIndices is not null)).Should().Equal(
            (SegmentMode.Active, 0, ValType.FuncRef, 2, true),
            (SegmentMode.Passive, 0, ValType.FuncRef, 1, true),
            (SegmentMode.Active, 1, ValType.FuncRef, 1, true),
            (SegmentMode.Declarative, 0, ValType.FuncRef, 1, true),
            (SegmentMode.Active, 0, ValType.FuncRef, 2, false),
            (SegmentMode.Passive, 0, ValType.FuncRef, 1, false),
            (SegmentMode.Active, 1, ValType.FuncRef, 2, false),
            (SegmentMode.Declarative, 0, ValType.FuncRef, 2, false));
        elements[0].FunctionIndices.Should().Equal(0, 1);
        elements[4].Expressions!.Select(e => e.Length).Should().Equal(3, 3);
    }

    [Test]
    public void Decode_ExternRefElementExpressions_ReadsReferenceType()
    {
        // Flags 5: passive, reftype externref, one expression ref.null extern.
        var bytes = Module(Section(9, 0x01, 0x05, 0x6F, 0x01, 0xD0, 0x6F, 0x0B));

        var element = ModuleDecoder.Decode(bytes).Elements.Should().ContainSingle().Subject;

        (element.Mode, element.ElementType).Should().Be((SegmentMode.Passive, ValType.ExternRef));
    }

    [Test]
    public void Decode_MemorySection_ReadsLimits()
    {
        var bytes = Module(Section(5, 0x02, 0x00, 0x00, 0x01, 0x01, 0x80, 0x02));

        ModuleDecoder.Decode(bytes).Memories.Should().Equal(new MemoryType(new Limits(0, null)), new MemoryType(new Limits(1, 256)));
    }

    [Test]
    public void Decode_DataSegmentWithExplicitMemoryIndex_ReadsIndexAndOffset()
    {
        // Flags 2, memory 1, offset (i32.const 4), 2 bytes.
        var bytes = Module(Section(11, 0x01, 0x02, 0x01, 0x41, 0x04, 0x0B, 0x02, 0xAA, 0xBB));

        var segment = ModuleDecoder.Decode(bytes).Data.Should().ContainSingle().Subject;

        (segment.Mode, segment.MemoryIndex, segment.Offset.Length, segment.DataLength).Should().Be((SegmentMode.Active, 1, 3, 2));
        segment.DataOffset.Should().Be(bytes.Length - 2);
    }

    [Test]
    public void Decode_CustomSectionsBetweenSections_AreRecordedInOrder()
    {
        var bytes = Module(Section(0, 0x01, (byte)'a', 0x07), VoidTypeSection, Section(0, 0x01, (byte)'b'));

        var module = ModuleDecoder.Decode(bytes);

        module.CustomSections.Should().Equal(new CustomSection("a", 12, 1), new CustomSection("b", bytes.Length, 0));
        module.Types.Should().ContainSingle();
    }

    [TestCase(new byte[] { 0x01, 0x05, 0x04, 0x00 }, TestName = "Decode_NameSectionSubsectionTooLong_IsIgnored")]
    [TestCase(new byte[] { 0x01, 0x01, 0x00, 0x00, 0x01, 0x00 }, TestName = "Decode_NameSectionSubsectionsOutOfOrder_IsIgnored")]
    [TestCase(new byte[] { 0x01, 0x07, 0x02, 0x00, 0x01, 0x61, 0x00, 0x01, 0x62 }, TestName = "Decode_NameSectionDuplicateFunctionIndex_IsIgnored")]
    [TestCase(new byte[] { 0x00, 0x02, 0x01, 0xFF }, TestName = "Decode_NameSectionBadUtf8_IsIgnored")]
    public void Decode_MalformedNameSection_IsIgnored(byte[] content)
    {
        var bytes = Module(Section(0, [0x04, .. "name"u8, .. content]));

        var module = ModuleDecoder.Decode(bytes);

        module.Names.ModuleName.Should().BeNull();
        module.Names.FunctionNames.Should().BeEmpty();
        module.CustomSections.Should().ContainSingle();
    }

    [Test]
    public void Decode_NameSectionWithUnknownSubsections_KeepsKnownNames()
    {
        // Module name "m", local names (skipped), then an unknown subsection 9.
        var content = new byte[] { 0x00, 0x02, 0x01, (byte)'m', 0x02, 0x01, 0x00, 0x09, 0x01, 0xFF };
        var bytes = Module(Section(0, [0x04, .. "name"u8, .. content]));

        ModuleDecoder.Decode(bytes).Names.ModuleName.Should().Be("m");
    }

    [Test]
    public void Decode_CallerChangesBufferAfterwards_ModuleKeepsOriginalBytes()
    {
        var bytes = Load("all-sections.wasm");
        var module = ModuleDecoder.Decode(bytes);

        Array.Clear(bytes);

        module.Bytes.Span[module.Bodies[0].CodeOffset].Should().Be(0x20);
    }

    [Test]
    public void Decode_CanceledToken_ThrowsOperationCanceled()
    {
        var act = () => ModuleDecoder.Decode(Load("all-sections.wasm"), new CancellationToken(canceled: true));

        act.Should().Throw<OperationCanceledException>();
    }

    [Test]
    public void Decode_NestedBlocksDeeperThanInitialCapacity_FindsFinalEnd()
    {
        const int depth = 1000;
        byte[] code = [.. Enumerable.Repeat<byte[]>([0x02, 0x40], depth).SelectMany(b => b), .. Enumerable.Repeat((byte)0x0B, depth + 1)];

        var body = ModuleDecoder.Decode(OneFunction(code)).Bodies.Should().ContainSingle().Subject;

        body.CodeLength.Should().Be(code.Length);
    }

    [Test]
    public void Decode_AllImmediateKinds_ScansBodyToItsEnd()
    {
        byte[] code =
        [
            0x41, 0x7F, 0x42, 0x80, 0x7F, 0x43, 0, 0, 0, 0, 0x44, 0, 0, 0, 0, 0, 0, 0, 0, // consts
            0x28, 0x02, 0x10, 0x3F, 0x00, 0x40, 0x00, // load memarg, memory.size, memory.grow
            0x0E, 0x02, 0x00, 0x00, 0x00, // br_table
            0x1C, 0x01, 0x7F, // select (result i32)
            0x11, 0x00, 0x00, 0xD0, 0x70, 0xD2, 0x00, // call_indirect, ref.null, ref.func
            0xFC, 0x0A, 0x00, 0x00, 0xFC, 0x0B, 0x00, 0xFC, 0x0C, 0x00, 0x00, 0xFC, 0x0E, 0x00, 0x00, // bulk
            0x04, 0x7F, 0x05, 0x0B, 0x0B, // if (result i32) else end, then the function's end
        ];

        var body = ModuleDecoder.Decode(OneFunction(code)).Bodies[0];

        body.CodeLength.Should().Be(code.Length);
    }
}
