using System.Text;
using System.Text.Json;

namespace HealthWatch.Runtime.Capabilities.Basic;

/// <summary>The <c>env</c> capability: its grant and <c>healthwatch.env_get</c>.</summary>
internal static class EnvFunctions
{
    public const string Capability = "env";

    public static HostImport EnvGet { get; } = HostFunctions.Returning(HostFunctions.HealthWatch, "env_get", HostFunctions.I32s(4), (context, a) =>
    {
        if (context.Memory.ReadString(a[0].AsInt32(), a[1].AsInt32()) is not { } name)
        {
            return context.Fail("env_get", ProbeErrorCodes.InvalidArgument, "the name is outside memory or not UTF-8");
        }

        if (!Variables(context).TryGetValue(name, out var value))
        {
            return context.Fail("env_get", ProbeErrorCodes.NotFound, $"no variable '{name}' in the env grant");
        }

        var written = context.Memory.WriteOutput(a[2].AsInt32(), a[3].AsInt32(), Encoding.UTF8.GetBytes(value));
        return written < 0 ? context.Fail("env_get", written, "the output buffer is outside memory") : written;
    });

    /// <summary>The run's variables: the <c>env</c> grant's, or none.</summary>
    public static IReadOnlyDictionary<string, string> Variables(ProbeContext context) =>
        context.TryGetGrant<EnvGrant>(Capability, out var grant) ? grant.Variables : new Dictionary<string, string>();

    /// <summary>Reads <c>{"vars": {"NAME": "value"}}</c>; <c>true</c>, null or <c>{}</c> grant no variables.</summary>
    public static object ParseGrant(JsonElement grant)
    {
        const string Field = "grants." + Capability;
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        if (grant.ValueKind is JsonValueKind.True or JsonValueKind.Null or JsonValueKind.Undefined)
        {
            return new EnvGrant(variables);
        }

        if (grant.ValueKind != JsonValueKind.Object)
        {
            throw new ProbeConfigurationException(Field, "must be an object.");
        }

        foreach (var option in grant.EnumerateObject())
        {
            if (option.Name != "vars")
            {
                throw new ProbeConfigurationException($"{Field}.{option.Name}", "is not a known option.");
            }

            if (option.Value.ValueKind != JsonValueKind.Object)
            {
                throw new ProbeConfigurationException($"{Field}.vars", "must be an object of names to string values.");
            }

            foreach (var variable in option.Value.EnumerateObject())
            {
                var field = $"{Field}.vars.{variable.Name}";
                if (variable.Value.ValueKind != JsonValueKind.String)
                {
                    throw new ProbeConfigurationException(field, "must be a string.");
                }

                var value = variable.Value.GetString()!;
                if (EnvGrant.Check(variable.Name, value) is { } problem)
                {
                    throw new ProbeConfigurationException(field, problem);
                }

                if (!variables.TryAdd(variable.Name, value))
                {
                    throw new ProbeConfigurationException(field, "is given twice.");
                }
            }
        }

        return new EnvGrant(variables);
    }
}
