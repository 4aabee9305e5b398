using System.Text.Json;
using HealthWatch.Runtime.Capabilities;
using HealthWatch.Runtime.Capabilities.Basic;

namespace HealthWatch.Runtime.Tests.Capabilities.Basic;

public sealed class EnvGrantTests
{
    private static readonly ProbeCapability Env = BasicCapabilities.Create().Single(c => c.Name == "env");

    [Test]
    public void ParseGrant_Vars_ReadsThem()
    {
        var grant = Parse("""{"vars": {"REGION": "eu", "EMPTY": ""}}""");

        grant.Variables.Should().BeEquivalentTo(new Dictionary<string, string> { ["REGION"] = "eu", ["EMPTY"] = string.Empty });
    }

    [TestCase("{}")]
    [TestCase("true")]
    [TestCase("null")]
    [TestCase("""{"vars": {}}""")]
    public void ParseGrant_NoVars_GrantsNone(string json)
    {
        Parse(json).Variables.Should().BeEmpty();
    }

    [TestCase("[]", "grants.env", "must be an object.")]
    [TestCase("\"vars\"", "grants.env", "must be an object.")]
    [TestCase("""{"variables": {}}""", "grants.env.variables", "is not a known option.")]
    [TestCase("""{"vars": ["A"]}""", "grants.env.vars", "must be an object of names to string values.")]
    [TestCase("""{"vars": {"PORT": 8080}}""", "grants.env.vars.PORT", "must be a string.")]
    [TestCase("""{"vars": {"A": null}}""", "grants.env.vars.A", "must be a string.")]
    [TestCase("""{"vars": {"": "x"}}""", "grants.env.vars.", "has an empty name.")]
    [TestCase("""{"vars": {"A=B": "x"}}""", "grants.env.vars.A=B", "has '=' in its name.")]
    [TestCase("""{"vars": {"A": "x\u0000y"}}""", "grants.env.vars.A", "contains a NUL character.")]
    [TestCase("""{"vars": {"A": "1", "A": "2"}}""", "grants.env.vars.A", "is given twice.")]
    public void ParseGrant_BadField_ThrowsNamingIt(string json, string field, string problem)
    {
        var parse = () => Parse(json);

        parse.Should().Throw<ProbeConfigurationException>()
            .Which.Should().Match<ProbeConfigurationException>(e => e.Field == field && e.Message == $"{field}: {problem}");
    }

    [Test]
    public void Constructor_BadName_Throws()
    {
        var create = () => new EnvGrant(new Dictionary<string, string> { ["A=B"] = "x" });

        create.Should().Throw<ArgumentException>().WithMessage("Environment variable 'A=B' has '=' in its name.*");
    }

    [Test]
    public void Constructor_Variables_AreCopied()
    {
        var source = new Dictionary<string, string> { ["A"] = "1" };
        var grant = new EnvGrant(source);

        source["B"] = "2";

        grant.Variables.Should().ContainSingle();
    }

    private static EnvGrant Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return (EnvGrant)Env.ParseGrant(document.RootElement);
    }
}
