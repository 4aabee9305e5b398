namespace HealthWatch.Cli.CommandLine;

/// <summary>
/// Splits a command's arguments into options and positionals. Only words starting with <c>--</c> (and <c>-h</c>)
/// are options, so negative numbers such as <c>-5</c> or <c>-inf</c> stay positional; <c>--</c> ends the options.
/// </summary>
internal static class ArgumentParser
{
    public static ParsedArguments Parse(IReadOnlyList<string> args, IReadOnlyList<OptionSpec> options)
    {
        var positionals = new List<string>();
        var values = new Dictionary<string, List<string?>>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i] == "-h" ? OptionSpec.Help.Name : args[i];
            if (arg == "--")
            {
                positionals.AddRange(args.Skip(i + 1));
                break;
            }

            if (!arg.StartsWith("--", StringComparison.Ordinal))
            {
                positionals.Add(arg);
                continue;
            }

            var equals = arg.IndexOf('=', StringComparison.Ordinal);
            var name = equals < 0 ? arg : arg[..equals];
            var spec = options.FirstOrDefault(o => o.Name == name) ?? throw CliException.Usage($"unknown option '{name}'");
            if (values.ContainsKey(name) && !spec.Repeatable)
            {
                throw CliException.Usage($"option '{name}' is given more than once");
            }

            string? value = null;
            if (spec.IsFlag)
            {
                if (equals >= 0)
                {
                    throw CliException.Usage($"option '{name}' takes no value");
                }
            }
            else if (equals >= 0)
            {
                value = arg[(equals + 1)..];
            }
            else if (i + 1 < args.Count)
            {
                value = args[++i];
            }
            else
            {
                throw CliException.Usage($"option '{name}' needs a value ({spec.ValueName})");
            }

            if (!values.TryGetValue(name, out var list))
            {
                values[name] = list = [];
            }

            list.Add(value);
        }

        return new ParsedArguments(positionals, values.ToDictionary(p => p.Key, p => (IReadOnlyList<string?>)p.Value, StringComparer.Ordinal));
    }
}
