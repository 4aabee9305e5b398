using HealthWatch.Runtime.Engines.Managed.Validation;

namespace HealthWatch.Runtime.Engines.Managed.Tests.Validation;

public class ModuleValidatorTests
{
    [TestCase("valid-unreachable")]
    [TestCase("valid-multi-value")]
    [TestCase("valid-declared-references")]
    [TestCase("valid-bulk-and-tables")]
    public void Validate_ValidModule_DoesNotThrow(string name)
    {
        ValidationModules.Validating(name).Should().NotThrow();
    }

    [TestCase("invalid-operand-type", "type mismatch")]
    [TestCase("invalid-unreachable-operand-type", "type mismatch")]
    [TestCase("invalid-block-result-missing", "type mismatch")]
    [TestCase("invalid-block-extra-value", "type mismatch")]
    [TestCase("invalid-if-without-else-result", "type mismatch")]
    [TestCase("invalid-multi-value-params", "type mismatch")]
    [TestCase("invalid-br-table-arity", "type mismatch")]
    [TestCase("invalid-br-table-types", "type mismatch")]
    [TestCase("invalid-select-reference", "type mismatch")]
    [TestCase("invalid-select-arity", "invalid result arity")]
    [TestCase("invalid-undeclared-reference", "undeclared function reference")]
    [TestCase("invalid-unknown-local", "unknown local 2")]
    [TestCase("invalid-unknown-label", "unknown label 2")]
    [TestCase("invalid-unknown-function", "unknown function 7")]
    [TestCase("invalid-unknown-global", "unknown global 3")]
    [TestCase("invalid-unknown-type", "unknown type 5")]
    [TestCase("invalid-unknown-table", "unknown table 0")]
    [TestCase("invalid-unknown-memory", "unknown memory 0")]
    [TestCase("invalid-unknown-data-segment", "unknown data segment 1")]
    [TestCase("invalid-unknown-elem-segment", "unknown elem segment 0")]
    [TestCase("invalid-immutable-global", "global is immutable")]
    [TestCase("invalid-alignment", "alignment must not be larger than natural")]
    [TestCase("invalid-table-copy-types", "type mismatch")]
    [TestCase("invalid-call-indirect-externref", "type mismatch")]
    [TestCase("invalid-constant-expression", "constant expression required")]
    [TestCase("invalid-constant-defined-global", "unknown global 0")]
    [TestCase("invalid-constant-mutable-global", "constant expression required")]
    [TestCase("invalid-global-type", "type mismatch")]
    [TestCase("invalid-empty-offset", "type mismatch")]
    [TestCase("invalid-elem-type", "type mismatch")]
    [TestCase("invalid-duplicate-export", "duplicate export name")]
    [TestCase("invalid-multiple-memories", "multiple memories")]
    [TestCase("invalid-memory-size", "memory size must be at most 65536 pages (4GiB)")]
    [TestCase("invalid-limits", "size minimum must not be greater than maximum")]
    [TestCase("invalid-start-function", "start function must not have parameters or results")]
    public void Validate_InvalidModule_ThrowsInvalidWithReferenceMessage(string name, string message)
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

    [Test]
    public void Validate_CancelledToken_ThrowsOperationCanceled()
    {
        var module = ValidationModules.Decode("valid-multi-value");

        var act = () => ModuleValidator.Validate(module, new CancellationToken(canceled: true));

        act.Should().Throw<OperationCanceledException>();
    }
}
