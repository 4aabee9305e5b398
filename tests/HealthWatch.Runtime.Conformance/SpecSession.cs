using HealthWatch.Runtime.Conformance.Json;
using HealthWatch.Runtime.Conformance.Values;
using HealthWatch.Runtime.Engines;

namespace HealthWatch.Runtime.Conformance;

/// <summary>
/// The state of one .wast file's run: a fresh store with its own spectest objects, the registered and named
/// instances and the current module. Executes commands one at a time, in order, on one thread.
/// </summary>
internal sealed partial class SpecSession : IDisposable
{
    private readonly IWasmEngine _engine;
    private readonly string _moduleDirectory;
    private readonly string _file;
    private readonly TimeSpan _timeout;
    private readonly IWasmStore _store;
    private readonly WasmImports _imports = new();
    private readonly HostReferences _references = new();
    private readonly Dictionary<string, ModuleSlot> _named = new(StringComparer.Ordinal);
    private readonly List<IWasmModule> _modules = [];
    private ModuleSlot? _current;
    private CancellationToken _cancellation;

    /// <param name="engine">The engine under test.</param>
    /// <param name="moduleDirectory">Where the file's .wasm files are.</param>
    /// <param name="file">The file's name (without .wast), for results.</param>
    /// <param name="timeout">How long one command may run before it is cancelled.</param>
    public SpecSession(IWasmEngine engine, string moduleDirectory, string file, TimeSpan timeout)
    {
        _engine = engine;
        _moduleDirectory = moduleDirectory;
        _file = file;
        _timeout = timeout;
        _store = engine.CreateStore();
        SpecTestHost.Define(_store, _imports);
    }

    /// <summary>Why a command is never run, or null. Only text-format modules: this is a binary-only engine API.</summary>
    public static string? SkipReason(SpecCommand command) =>
        command.ModuleType == "text" ? "text-format module (binary engines only)" : null;

    public CommandResult Execute(SpecCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (SkipReason(command) is { } reason)
        {
            return Skip(command, reason);
        }

        using var timeout = new CancellationTokenSource(_timeout);
        _cancellation = timeout.Token;
        try
        {
            return command.Type switch
            {
                "module" => DefineModule(command),
                "register" => Register(command),
                "action" => RunAction(command),
                "assert_return" => AssertReturn(command),
                "assert_trap" => AssertTrap(command, TrapTexts.ToCode(command.Text) ?? throw new SpecDataException($"unknown trap text \"{command.Text}\"")),
                "assert_exhaustion" => AssertTrap(command, TrapCode.CallStackExhausted),
                "assert_invalid" => AssertRejected(command, ModuleErrorKind.Invalid),
                "assert_malformed" => AssertRejected(command, ModuleErrorKind.Malformed),
                "assert_unlinkable" => AssertUnlinkable(command),
                "assert_uninstantiable" => AssertUninstantiable(command),
                _ => Fail(command, $"unknown command type \"{command.Type}\""),
            };
        }
        catch (SpecDataException e)
        {
            return Fail(command, e.Message);
        }
        finally
        {
            _cancellation = default;
        }
    }

    public void Dispose()
    {
        _store.Dispose();
        foreach (var module in _modules)
        {
            module.Dispose();
        }
    }

    private CommandResult DefineModule(SpecCommand command)
    {
        var slot = Instantiate(command);
        _current = slot;
        if (command.Name is not null)
        {
            _named[command.Name] = slot;
        }

        return slot.Instance is null ? Fail(command, slot.Error!) : Pass(command);
    }

    private ModuleSlot Instantiate(SpecCommand command)
    {
        var load = Try(() => LoadModule(command));
        if (load.Error is not null)
        {
            return new ModuleSlot(command.Line, null, $"load failed: {Describe(load.Error)}");
        }

        var instance = Try(() => _store.Instantiate(load.Value!, _imports, _cancellation));
        return instance.Error is null
            ? new ModuleSlot(command.Line, instance.Value, null)
            : new ModuleSlot(command.Line, null, $"instantiation failed: {Describe(instance.Error)}");
    }

    private CommandResult Register(SpecCommand command)
    {
        var instance = Resolve(command.Name);
        var name = command.As ?? throw new SpecDataException("register without \"as\"");
        var defined = Try(() => _imports.DefineInstance(name, instance));
        return defined.Error is null ? Pass(command) : Fail(command, $"registering the exports failed: {Describe(defined.Error)}");
    }

    private CommandResult RunAction(SpecCommand command)
    {
        var results = Perform(command);
        return results.Error is null ? Pass(command) : Fail(command, $"expected no trap, got {Describe(results.Error)}");
    }

    private CommandResult AssertReturn(SpecCommand command)
    {
        var expected = (command.Expected ?? throw new SpecDataException("assert_return without \"expected\""))
            .Select(SpecValues.ParseExpected).ToArray();
        var wanted = $"[{string.Join(", ", expected)}]";
        var results = Perform(command);
        if (results.Error is not null)
        {
            return Fail(command, $"expected {wanted}, got {Describe(results.Error)}");
        }

        var actual = results.Value!;
        var matches = actual.Length == expected.Length && expected.Zip(actual).All(p => p.First.IsMatchedBy(p.Second, _references));
        return matches ? Pass(command) : Fail(command, $"expected {wanted}, got [{string.Join(", ", actual.Select(SpecValues.Format))}]");
    }

    private CommandResult AssertTrap(SpecCommand command, TrapCode code)
    {
        var results = Perform(command);
        return results.Error is null
            ? Fail(command, $"expected trap {code} \"{command.Text}\", got [{string.Join(", ", results.Value!.Select(SpecValues.Format))}]")
            : ExpectTrap(command, code, results.Error);
    }

    private CommandResult AssertRejected(SpecCommand command, ModuleErrorKind kind)
    {
        var load = Try(() => LoadModule(command));
        return load.Error switch
        {
            null => Fail(command, $"expected {kind} module \"{command.Text}\", but it loaded"),
            WasmModuleException e when e.Kind == kind => Pass(command, ErrorText.NoteIfDifferent(command.Text ?? string.Empty, e.Reason)),
            var e => Fail(command, $"expected {kind} module \"{command.Text}\", got {Describe(e)}"),
        };
    }

    private CommandResult AssertUnlinkable(SpecCommand command)
    {
        var load = Try(() => LoadModule(command));
        if (load.Error is not null)
        {
            return Fail(command, $"expected link error \"{command.Text}\", but loading failed: {Describe(load.Error)}");
        }

        var instance = Try(() => _store.Instantiate(load.Value!, _imports, _cancellation));
        return instance.Error switch
        {
            null => Fail(command, $"expected link error \"{command.Text}\", but it instantiated"),
            WasmLinkException e => Pass(command, ErrorText.NoteIfDifferent(command.Text ?? string.Empty, e.Reason)),
            var e => Fail(command, $"expected link error \"{command.Text}\", got {Describe(e)}"),
        };
    }

    private CommandResult AssertUninstantiable(SpecCommand command)
    {
        var code = TrapTexts.ToCode(command.Text) ?? throw new SpecDataException($"unknown trap text \"{command.Text}\"");
        var load = Try(() => LoadModule(command));
        if (load.Error is not null)
        {
            return Fail(command, $"expected trap {code} during instantiation, but loading failed: {Describe(load.Error)}");
        }

        var instance = Try(() => _store.Instantiate(load.Value!, _imports, _cancellation));
        return instance.Error is null
            ? Fail(command, $"expected trap {code} \"{command.Text}\" during instantiation, but it instantiated")
            : ExpectTrap(command, code, instance.Error);
    }

    private CommandResult ExpectTrap(SpecCommand command, TrapCode code, Exception error) => error switch
    {
        WasmTrapException trap when trap.Code == code => Pass(command, ErrorText.NoteIfDifferent(command.Text ?? string.Empty, trap.Message)),
        SpecDataException data => Fail(command, data.Message),
        _ => Fail(command, $"expected trap {code} \"{command.Text}\", got {Describe(error)}"),
    };
}
