using HealthWatch.Runtime.Capabilities;
using HealthWatch.Runtime.Engines;
using HealthWatch.Runtime.Probes;

namespace HealthWatch.Cli.Probes;

/// <summary>What <c>healthwatch inspect</c> tells about a module: its imports with the capability each needs, its exports, and how it fits the probe ABI.</summary>
internal sealed record ModuleReport(
    string Path,
    long SizeBytes,
    string Sha256,
    IReadOnlyList<ModuleReport.Import> Imports,
    IReadOnlyList<ModuleReport.Export> Exports,
    IReadOnlyList<string> RequiredCapabilities,
    IReadOnlyList<string> AbiProblems)
{
    /// <summary>The exports every probe has (docs/probe-abi.md), with their types.</summary>
    private static readonly (string Name, ExternType Type)[] AbiExports =
    [
        ("memory", new MemoryType(new Limits(0, null))),
        ("hw_alloc", new FuncType([ValType.I32], [ValType.I32])),
        ("hw_probe", new FuncType([ValType.I32, ValType.I32], [ValType.I32])),
    ];

    public static ModuleReport Create(string path, ProbeModule module, CapabilityRegistry capabilities)
    {
        var problems = new List<string>();
        var imports = module.Imports.Select(i => DescribeImport(i, module, capabilities, problems)).ToList();
        foreach (var (name, type) in AbiExports)
        {
            var export = module.Exports.FirstOrDefault(e => e.Name == name);
            if (export is null)
            {
                problems.Add($"missing export {name} ({TypeText(type)})");
            }
            else if (type is FuncType ? !type.Equals(export.Type) : export.Kind != type.Kind)
            {
                problems.Add($"export {name} is {TypeText(export.Type)}, expected {TypeText(type)}");
            }
        }

        var exports = module.Exports.Select(e => new Export(e.Name, KindText(e.Kind), TypeText(e.Type))).ToList();
        return new ModuleReport(path, module.SizeBytes, module.Sha256, imports, exports, module.RequiredCapabilities, problems);
    }

    public static string KindText(ExternKind kind) => kind.ToString().ToLowerInvariant();

    public static string TypeText(ExternType type) => type is FuncType function ? $"func {function}" : type.ToString() ?? string.Empty;

    private static Import DescribeImport(ImportDescriptor import, ProbeModule module, CapabilityRegistry capabilities, List<string> problems)
    {
        var name = $"{import.Module}.{import.Name}";
        if (!capabilities.TryGetImport(import.Module, import.Name, out var capability, out var hostImport))
        {
            problems.Add($"import {name}: no capability provides it, so the probe cannot run");
            return new Import(import.Module, import.Name, KindText(import.Kind), TypeText(import.Type), null, NeedsGrant: false);
        }

        if (!hostImport.Type.Equals(import.Type))
        {
            problems.Add($"import {name} is {TypeText(import.Type)}, but the host provides {TypeText(hostImport.Type)}");
        }

        // The runtime leaves always-granted capabilities out of RequiredCapabilities.
        var needsGrant = module.RequiredCapabilities.Contains(capability.Name, StringComparer.Ordinal);
        return new Import(import.Module, import.Name, KindText(import.Kind), TypeText(import.Type), capability.Name, needsGrant);
    }

    /// <summary>One import.</summary>
    /// <param name="Module">The import's module name.</param>
    /// <param name="Name">The import's field name.</param>
    /// <param name="Kind">function, table, memory or global.</param>
    /// <param name="Type">Its type as text, e.g. <c>func (i32, i32) -> (i32)</c>.</param>
    /// <param name="Capability">The capability that provides it; null when none does.</param>
    /// <param name="NeedsGrant">Whether a run must grant that capability (false for always-available imports).</param>
    internal sealed record Import(string Module, string Name, string Kind, string Type, string? Capability, bool NeedsGrant);

    internal sealed record Export(string Name, string Kind, string Type);
}
