using HealthWatch.Runtime.Engines.Managed.Validation;

namespace HealthWatch.Runtime.Engines.Managed.Tests.Validation;

/// <summary>Function bodies: the spec's algorithm, including stack-polymorphic code, multi-value and br_table.</summary>
public class FunctionValidatorTests
{
    [TestCase("valid-unreachable")]
    [TestCase("valid-multi-value")]
    public void Validate_ValidBodies_DoesNotThrow(string name)
    {
        ValidationModules.Validating(name).Should().NotThrow();
    }

    [TestCase("invalid-operand-type")]
    [TestCase("invalid-block-result-missing")]
    [TestCase("invalid-block-extra-value")]
    [TestCase("invalid-if-without-else-result")]
    [TestCase("invalid-else-branch-type")]
    [TestCase("invalid-select-reference")]
    [TestCase("invalid-ref-is-null-numeric")]
    [TestCase("invalid-table-copy-types")]
    [TestCase("invalid-call-indirect-externref")]
    public void Validate_WrongOperandTypes_ThrowsTypeMismatch(string name)
    {
        ValidationModules.Validating(name).Should().Throw<WasmModuleException>()
            .Where(e => e.Kind == ModuleErrorKind.Invalid && e.Reason == "type mismatch");
    }

    [TestCase("invalid-unreachable-operand-type")]
    [TestCase("invalid-unreachable-scoped-to-block")]
    [TestCase("invalid-br-table-arity-unreachable")]
    public void Validate_UnreachableCodeMisused_ThrowsTypeMismatch(string name)
    {
        ValidationModules.Validating(name).Should().Throw<WasmModuleException>()
            .Where(e => e.Kind == ModuleErrorKind.Invalid && e.Reason == "type mismatch");
    }

    [TestCase("invalid-multi-value-params")]
    [TestCase("invalid-multi-value-result-order")]
    [TestCase("invalid-loop-label-params")]
    public void Validate_MultiValueBlockMismatch_ThrowsTypeMismatch(string name)
    {
        ValidationModules.Validating(name).Should().Throw<WasmModuleException>()
            .Where(e => e.Kind == ModuleErrorKind.Invalid && e.Reason == "type mismatch");
    }

    [TestCase("invalid-br-table-arity")]
    [TestCase("invalid-br-table-types")]
    [TestCase("invalid-br-if-label-type")]
    public void Validate_BranchOperandsWrong_ThrowsTypeMismatch(string name)
    {
        ValidationModules.Validating(name).Should().Throw<WasmModuleException>()
            .Where(e => e.Kind == ModuleErrorKind.Invalid && e.Reason == "type mismatch");
    }

    [TestCase("invalid-select-arity", "invalid result arity")]
    [TestCase("invalid-unknown-local", "unknown local 2")]
    [TestCase("invalid-unknown-label", "unknown label 2")]
    [TestCase("invalid-unknown-function", "unknown function 7")]
    [TestCase("invalid-unknown-global", "unknown global 3")]
    [TestCase("invalid-unknown-table", "unknown table 0")]
    [TestCase("invalid-unknown-memory", "unknown memory 0")]
    [TestCase("invalid-unknown-data-segment", "unknown data segment 1")]
    [TestCase("invalid-unknown-elem-segment", "unknown elem segment 0")]
    [TestCase("invalid-immutable-global", "global is immutable")]
    [TestCase("invalid-alignment", "alignment must not be larger than natural")]
    public void Validate_InvalidInstruction_ThrowsInvalidWithReferenceMessage(string name, string message)
    {
        ValidationModules.Validating(name).Should().Throw<WasmModuleException>()
            .Where(e => e.Kind == ModuleErrorKind.Invalid && e.Reason == message);
    }

    [Test]
    public void Validate_TypeMismatchInBody_ReportsOffsetOfInstruction()
    {
        var module = ValidationModules.Decode("invalid-operand-type");
        var body = module.Bodies[0];

        var act = () => ModuleValidator.Validate(module);

        // The body is i32.const 1 (2 bytes), i64.const 2 (2 bytes), then the failing i32.add.
        act.Should().Throw<WasmModuleException>().Which.Offset.Should().Be(body.CodeOffset + 4);
    }
}
