using HealthWatch.Runtime.Engines.Managed.Validation;

namespace HealthWatch.Runtime.Engines.Managed.Tests.Validation;

/// <summary>Module-level rules: index spaces, limits, constant expressions, segments, exports and start.</summary>
public class ModuleValidatorTests
{
    [TestCase("valid-declared-references")]
    [TestCase("valid-bulk-and-tables")]
    public void Validate_ValidModule_DoesNotThrow(string name)
    {
        ValidationModules.Validating(name).Should().NotThrow();
    }

    [TestCase("invalid-unknown-type", "unknown type 5")]
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
    [TestCase("invalid-undeclared-reference", "undeclared function reference")]
    [TestCase("invalid-start-not-declaring", "undeclared function reference")]
    public void Validate_InvalidModule_ThrowsInvalidWithReferenceMessage(string name, string message)
    {
        ValidationModules.Validating(name).Should().Throw<WasmModuleException>()
            .Where(e => e.Kind == ModuleErrorKind.Invalid && e.Reason == message);
    }

    [Test]
    public void Validate_CancelledToken_ThrowsOperationCanceled()
    {
        var module = ValidationModules.Decode("valid-multi-value");

        var act = () => ModuleValidator.Validate(module, new CancellationToken(canceled: true));

        act.Should().Throw<OperationCanceledException>();
    }
}
