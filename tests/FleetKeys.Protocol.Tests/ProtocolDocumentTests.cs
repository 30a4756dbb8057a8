using System.Text;
using System.Text.RegularExpressions;
using FleetKeys.Protocol.Tests.Support;

namespace FleetKeys.Protocol.Tests;

/// <summary>
/// docs/protocol.md must show exactly what the encoder produces. Each example in the document is a
/// ```hex block after a "&lt;!-- example: NAME --&gt;" marker. After a deliberate protocol change,
/// run the tests once with FLEETKEYS_WRITE_PROTOCOL_DOC=1 to rewrite the blocks, and review the diff.
/// </summary>
public sealed partial class ProtocolDocumentTests
{
    [GeneratedRegex(@"<!-- example: (?<name>[a-z0-9-]+) -->\n```hex\n(?<hex>[^`]*)```")]
    private static partial Regex ExampleBlock();

    [Fact]
    public void Every_example_in_the_document_is_what_the_encoder_produces()
    {
        var path = DocumentPath();
        var document = File.ReadAllText(path).ReplaceLineEndings("\n");
        var expected = DocumentExamples.All().ToDictionary(e => e.Name, e => Format(e.Bytes));

        if (Environment.GetEnvironmentVariable("FLEETKEYS_WRITE_PROTOCOL_DOC") == "1")
        {
            document = ExampleBlock().Replace(document, match => expected.TryGetValue(match.Groups["name"].Value, out var hex)
                ? $"<!-- example: {match.Groups["name"].Value} -->\n```hex\n{hex}```"
                : match.Value);
            File.WriteAllText(path, document);
        }

        var documented = ExampleBlock().Matches(document).ToDictionary(m => m.Groups["name"].Value, m => m.Groups["hex"].Value);
        Assert.Empty(expected.Keys.Except(documented.Keys));
        Assert.Empty(documented.Keys.Except(expected.Keys));
        foreach (var (name, hex) in expected)
            Assert.True(hex == documented[name], $"example '{name}' in {path} is stale:\n{documented[name]}\nencoder:\n{hex}");
    }

    /// <summary>Sixteen bytes a line, as a hex dump reads.</summary>
    private static string Format(byte[] bytes)
    {
        var text = new StringBuilder();
        foreach (var line in bytes.Chunk(16))
            text.Append(string.Join(' ', line.Select(b => b.ToString("X2")))).Append('\n');
        return text.ToString();
    }

    private static string DocumentPath()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "docs", "protocol.md");
            if (File.Exists(candidate)) return candidate;
        }
        throw new FileNotFoundException("docs/protocol.md not found above " + AppContext.BaseDirectory);
    }
}
