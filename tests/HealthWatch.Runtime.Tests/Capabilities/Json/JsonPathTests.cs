using System.Text;
using HealthWatch.Runtime.Capabilities;
using HealthWatch.Runtime.Capabilities.Json;

namespace HealthWatch.Runtime.Tests.Capabilities.Json;

public sealed class JsonPathTests
{
    private const string Document = """
        {
          "status": "ok",
          "code": 200,
          "data": { "items": [ { "name": "a", "tags": ["x", "y"] }, { "name": "b" } ], "empty": [] },
          "key with.dots": { "[odd]": true },
          "quote\"key": 1,
          "esc\u0061ped": "yes",
          "nothing": null
        }
        """;

    [TestCase("status", "\"ok\"")]
    [TestCase("code", "200")]
    [TestCase("data.items[0].name", "\"a\"")]
    [TestCase("data.items[1]", "{ \"name\": \"b\" }")]
    [TestCase("data.items[0].tags[1]", "\"y\"")]
    [TestCase("data.empty", "[]")]
    [TestCase("$.data.items[1].name", "\"b\"")]
    [TestCase("$[\"key with.dots\"][\"[odd]\"]", "true")]
    [TestCase("[\"key with.dots\"]", "{ \"[odd]\": true }")]
    [TestCase("data[\"items\"][0].name", "\"a\"")]
    [TestCase("[\"quote\\\"key\"]", "1")]
    [TestCase("escaped", "\"yes\"")]
    [TestCase("nothing", "null")]
    public void TryQuery_ExistingPath_ReturnsTheRawJsonText(string path, string expected)
    {
        Query(Document, path).Should().Be((true, expected, 0));
    }

    [TestCase("")]
    [TestCase("$")]
    public void TryQuery_EmptyPathOrDollar_ReturnsTheWholeDocument(string path)
    {
        Query("  [1, 2]  ", path).Should().Be((true, "[1, 2]", 0));
    }

    [TestCase("[1]", "20")]
    [TestCase("$[2].a", "\"b\"")]
    public void TryQuery_RootArray_IndexesIt(string path, string expected)
    {
        Query("[10, 20, {\"a\": \"b\"}]", path).Should().Be((true, expected, 0));
    }

    [TestCase("missing")]
    [TestCase("data.items[2]")]
    [TestCase("data.empty[0]")]
    [TestCase("status.length")]
    [TestCase("code[0]")]
    [TestCase("data.items.name")]
    [TestCase("data[\"Items\"]")]
    public void TryQuery_NoValueThere_ReturnsNotFound(string path)
    {
        Query(Document, path).Should().Be((false, string.Empty, ProbeErrorCodes.NotFound));
    }

    [TestCase(".status")]
    [TestCase("data..items")]
    [TestCase("data.")]
    [TestCase("$.")]
    [TestCase("data.[0]")]
    [TestCase("data.items[")]
    [TestCase("data.items[]")]
    [TestCase("data.items[-1]")]
    [TestCase("data.items[ 0]")]
    [TestCase("data.items[99999999999]")]
    [TestCase("data.items[0]name")]
    [TestCase("[\"unterminated")]
    [TestCase("[\"key\"")]
    [TestCase("[\"bad\\escape\"]")]
    [TestCase("data]")]
    [TestCase("da\"ta")]
    public void TryQuery_MalformedPath_ReturnsInvalidArgument(string path)
    {
        Query(Document, path).Should().Be((false, string.Empty, ProbeErrorCodes.InvalidArgument));
    }

    [TestCase("")]
    [TestCase("   ")]
    [TestCase("{\"status\": \"ok\"")]
    [TestCase("{\"status\": \"ok\"} trailing")]
    [TestCase("{\"status\": \"ok\", }")]
    [TestCase("{\"status\": \"ok\" /* comment */}")]
    [TestCase("{status: 1}")]
    [TestCase("{\"status\": \"ok\"} {}")]
    public void TryQuery_MalformedJson_ReturnsInvalidArgument(string json)
    {
        Query(json, "status").Should().Be((false, string.Empty, ProbeErrorCodes.InvalidArgument));
    }

    [Test]
    public void TryQuery_MalformedAfterTheValue_ReturnsInvalidArgument()
    {
        Query("{\"a\": 1, \"b\": [}", "a").Should().Be((false, string.Empty, ProbeErrorCodes.InvalidArgument));
    }

    [Test]
    public void TryQuery_InvalidUtf8InJson_ReturnsInvalidArgument()
    {
        byte[] json = [.. "{\"a\": \""u8, 0xFF, .. "\"}"u8];

        JsonPath.TryQuery(json, "a", out _, out var error).Should().BeFalse();
        error.Should().Be(ProbeErrorCodes.InvalidArgument);
    }

    [Test]
    public void TryQuery_NestingDeeperThanTheLimit_ReturnsInvalidArgument()
    {
        var json = new string('[', JsonPath.MaxDepth + 1) + new string(']', JsonPath.MaxDepth + 1);

        Query(json, "[0]").Should().Be((false, string.Empty, ProbeErrorCodes.InvalidArgument));
    }

    [Test]
    public void TryQuery_NestingAtTheLimit_Finds()
    {
        var json = new string('[', JsonPath.MaxDepth) + "7" + new string(']', JsonPath.MaxDepth);
        var path = string.Concat(Enumerable.Repeat("[0]", JsonPath.MaxDepth));

        Query(json, path).Should().Be((true, "7", 0));
    }

    [Test]
    public void TryQuery_PathWithTooManySegments_ReturnsInvalidArgument()
    {
        var path = string.Join('.', Enumerable.Repeat("a", JsonPath.MaxDepth + 1));

        Query("{}", path).Should().Be((false, string.Empty, ProbeErrorCodes.InvalidArgument));
    }

    [Test]
    public void TryQuery_DuplicateKeys_ReturnsTheFirst()
    {
        Query("{\"a\": 1, \"a\": 2}", "a").Should().Be((true, "1", 0));
    }

    [Test]
    public void TryQuery_StringWithEscapes_KeepsTheJsonText()
    {
        Query("{\"s\": \"a\\\"b\\u00e9\"}", "s").Should().Be((true, "\"a\\\"b\\u00e9\"", 0));
    }

    private static (bool Found, string Value, int Error) Query(string json, string path)
    {
        var found = JsonPath.TryQuery(Encoding.UTF8.GetBytes(json), path, out var value, out var error);
        return (found, Encoding.UTF8.GetString(value), error);
    }
}
