using HealthWatch.Runtime.Conformance;

namespace HealthWatch.Runtime.Tests.Conformance;

/// <summary>The runner against <see cref="FakeEngine"/>: above all, nothing unchecked may count as passed.</summary>
public class SpecFileRunnerTests
{
    private const string Module = """{"type": "module", "line": 1, "filename": "ok.wasm"}""";

    [Test]
    public void AssertReturn_ComparesBits()
    {
        var result = Run(
            $$"""
            {{Module}},
            {"type": "assert_return", "line": 2, "action": {"type": "invoke", "field": "i32.42", "args": []}, "expected": [{"type": "i32", "value": "42"}]},
            {"type": "assert_return", "line": 3, "action": {"type": "invoke", "field": "i32.42", "args": []}, "expected": [{"type": "i32", "value": "43"}]},
            {"type": "assert_return", "line": 4, "action": {"type": "invoke", "field": "i32.42", "args": []}, "expected": [{"type": "f32", "value": "42"}]},
            {"type": "assert_return", "line": 5, "action": {"type": "invoke", "field": "i32.42", "args": []}, "expected": []},
            {"type": "assert_return", "line": 6, "action": {"type": "get", "field": "g"}, "expected": [{"type": "i64", "value": "7"}]},
            {"type": "assert_return", "line": 7, "action": {"type": "invoke", "field": "missing", "args": []}, "expected": []}
            """);

        Outcomes(result).Should().Equal("1 Passed", "2 Passed", "3 Failed", "4 Failed", "5 Failed", "6 Passed", "7 Failed");
        result.Commands[2].Message.Should().Be("expected [i32 43 (0x0000002b)], got [i32 42 (0x0000002a)]");
    }

    [Test]
    public void AssertReturn_AppliesNanClasses()
    {
        var result = Run(
            $$"""
            {{Module}},
            {"type": "assert_return", "line": 2, "action": {"type": "invoke", "field": "f32.canonical", "args": []}, "expected": [{"type": "f32", "value": "nan:canonical"}]},
            {"type": "assert_return", "line": 3, "action": {"type": "invoke", "field": "f32.arithmetic", "args": []}, "expected": [{"type": "f32", "value": "nan:arithmetic"}]},
            {"type": "assert_return", "line": 4, "action": {"type": "invoke", "field": "f32.arithmetic", "args": []}, "expected": [{"type": "f32", "value": "nan:canonical"}]},
            {"type": "assert_return", "line": 5, "action": {"type": "invoke", "field": "f64.signaling", "args": []}, "expected": [{"type": "f64", "value": "nan:arithmetic"}]},
            {"type": "assert_return", "line": 6, "action": {"type": "invoke", "field": "f32.canonical", "args": []}, "expected": [{"type": "f64", "value": "nan:canonical"}]}
            """);

        Outcomes(result).Should().Equal("1 Passed", "2 Passed", "3 Passed", "4 Failed", "5 Failed", "6 Failed");
    }

    [Test]
    public void AssertReturn_ComparesExternRefsByIdentityPerId()
    {
        var result = Run(
            $$"""
            {{Module}},
            {"type": "assert_return", "line": 2, "action": {"type": "invoke", "field": "echo", "args": [{"type": "externref", "value": "1"}]}, "expected": [{"type": "externref", "value": "1"}]},
            {"type": "assert_return", "line": 3, "action": {"type": "invoke", "field": "echo", "args": [{"type": "externref", "value": "1"}]}, "expected": [{"type": "externref", "value": "2"}]},
            {"type": "assert_return", "line": 4, "action": {"type": "invoke", "field": "echo", "args": [{"type": "externref", "value": "null"}]}, "expected": [{"type": "externref", "value": "null"}]},
            {"type": "assert_return", "line": 5, "action": {"type": "invoke", "field": "echo", "args": [{"type": "externref", "value": "1"}]}, "expected": [{"type": "externref", "value": "null"}]}
            """);

        Outcomes(result).Should().Equal("1 Passed", "2 Passed", "3 Failed", "4 Passed", "5 Failed");
    }

    [Test]
    public void AssertTrap_RequiresATrapOfTheTextsCode()
    {
        var result = Run(
            $$"""
            {{Module}},
            {"type": "assert_trap", "line": 2, "action": {"type": "invoke", "field": "divide-by-zero", "args": []}, "text": "integer divide by zero", "expected": [{"type": "i32"}]},
            {"type": "assert_trap", "line": 3, "action": {"type": "invoke", "field": "divide-by-zero", "args": []}, "text": "integer overflow", "expected": [{"type": "i32"}]},
            {"type": "assert_trap", "line": 4, "action": {"type": "invoke", "field": "i32.42", "args": []}, "text": "integer divide by zero", "expected": [{"type": "i32"}]},
            {"type": "assert_trap", "line": 5, "action": {"type": "invoke", "field": "throws", "args": []}, "text": "unreachable", "expected": []},
            {"type": "assert_exhaustion", "line": 6, "action": {"type": "invoke", "field": "divide-by-zero", "args": []}, "text": "call stack exhausted", "expected": []},
            {"type": "assert_trap", "line": 7, "action": {"type": "invoke", "field": "divide-by-zero", "args": []}, "text": "no such trap", "expected": []}
            """);

        Outcomes(result).Should().Equal("1 Passed", "2 Passed", "3 Failed", "4 Failed", "5 Failed", "6 Failed", "7 Failed");
        result.Commands[4].Message.Should().Contain("System.InvalidOperationException");
    }

    [Test]
    public void ModuleAssertions_RequireTheRightErrorCategory()
    {
        var result = Run(
            """
            {"type": "assert_malformed", "line": 1, "filename": "m.wasm", "text": "unexpected end", "module_type": "binary"},
            {"type": "assert_malformed", "line": 2, "filename": "i.wasm", "text": "type mismatch", "module_type": "binary"},
            {"type": "assert_invalid", "line": 3, "filename": "i.wasm", "text": "type mismatch", "module_type": "binary"},
            {"type": "assert_invalid", "line": 4, "filename": "m.wasm", "text": "unexpected end", "module_type": "binary"},
            {"type": "assert_invalid", "line": 5, "filename": "ok.wasm", "text": "type mismatch", "module_type": "binary"},
            {"type": "assert_malformed", "line": 6, "filename": "x.wat", "text": "unknown operator", "module_type": "text"},
            {"type": "assert_unlinkable", "line": 7, "filename": "u.wasm", "text": "unknown import", "module_type": "binary"},
            {"type": "assert_unlinkable", "line": 8, "filename": "ok.wasm", "text": "unknown import", "module_type": "binary"},
            {"type": "assert_uninstantiable", "line": 9, "filename": "s.wasm", "text": "unreachable", "module_type": "binary"},
            {"type": "assert_uninstantiable", "line": 10, "filename": "s.wasm", "text": "out of bounds memory access", "module_type": "binary"},
            {"type": "assert_uninstantiable", "line": 11, "filename": "u.wasm", "text": "unreachable", "module_type": "binary"},
            {"type": "assert_invalid", "line": 12, "filename": "c.wasm", "text": "type mismatch", "module_type": "binary"}
            """,
            [("m.wasm", "malformed"), ("i.wasm", "invalid"), ("u.wasm", "unlinkable"), ("s.wasm", "start-traps"), ("c.wasm", "crash")]);

        Outcomes(result).Should().Equal(
            "1 Passed", "2 Failed", "3 Passed", "4 Failed", "5 Failed", "6 Skipped", "7 Passed", "8 Failed", "9 Passed", "10 Failed", "11 Failed", "12 Failed");
        result.Commands[11].Message.Should().Contain("System.InvalidOperationException");
    }

    [Test]
    public void CommandsOnAFailedModule_FailWithItsCause()
    {
        var result = Run(
            $$"""
            {{Module}},
            {"type": "module", "line": 2, "name": "$bad", "filename": "u.wasm"},
            {"type": "action", "line": 3, "action": {"type": "invoke", "field": "none", "args": []}, "expected": []},
            {"type": "action", "line": 4, "action": {"type": "invoke", "module": "$bad", "field": "none", "args": []}, "expected": []},
            {"type": "register", "line": 5, "as": "M"},
            {"type": "action", "line": 6, "action": {"type": "invoke", "module": "$nope", "field": "none", "args": []}, "expected": []}
            """,
            [("u.wasm", "unlinkable")]);

        Outcomes(result).Should().Equal("1 Passed", "2 Failed", "3 Failed", "4 Failed", "5 Failed", "6 Failed");
        result.Commands[2].Message.Should().Contain("from line 2 did not instantiate").And.Contain("unknown import");
    }

    [Test]
    public void ACooperativeTimeout_FailsOnlyThatCommand()
    {
        var result = Run(
            $$"""
            {{Module}},
            {"type": "action", "line": 2, "action": {"type": "invoke", "field": "cooperative-hang", "args": []}, "expected": []},
            {"type": "action", "line": 3, "action": {"type": "invoke", "field": "none", "args": []}, "expected": []}
            """,
            options: new RunnerOptions { CommandTimeout = TimeSpan.FromMilliseconds(100) });

        Outcomes(result).Should().Equal("1 Passed", "2 Failed", "3 Passed");
        result.Commands[1].Message.Should().Contain("command timeout expired");
    }

    [Test]
    public void AHang_AbandonsTheRestOfTheFile()
    {
        var result = Run(
            $$"""
            {{Module}},
            {"type": "action", "line": 2, "action": {"type": "invoke", "field": "hang", "args": []}, "expected": []},
            {"type": "action", "line": 3, "action": {"type": "invoke", "field": "none", "args": []}, "expected": []},
            {"type": "assert_malformed", "line": 4, "filename": "x.wat", "text": "unknown operator", "module_type": "text"}
            """,
            options: new RunnerOptions { CommandTimeout = TimeSpan.FromMilliseconds(100), HangLimit = TimeSpan.FromMilliseconds(300) });

        Outcomes(result).Should().Equal("1 Passed", "2 Failed", "3 Failed", "4 Skipped");
        result.Commands[2].Message.Should().StartWith("abandoned: line 2");
    }

    [Test]
    public void AMissingScript_IsOneFailure()
    {
        using var suite = new SpecScriptFixture(string.Empty);
        using var engine = new FakeEngine();

        var result = SpecFileRunner.Run(engine, suite.Directory, "absent");

        Outcomes(result).Should().Equal("0 Failed");
    }

    private static FileResult Run(string commands, (string File, string Word)[]? modules = null, RunnerOptions? options = null)
    {
        using var suite = new SpecScriptFixture(commands, [("ok.wasm", "ok"), .. modules ?? []]);
        using var engine = new FakeEngine();
        return SpecFileRunner.Run(engine, suite.Directory, SpecScriptFixture.FileName, options);
    }

    private static string[] Outcomes(FileResult result) => [.. result.Commands.Select(c => $"{c.Line} {c.Outcome}")];
}
