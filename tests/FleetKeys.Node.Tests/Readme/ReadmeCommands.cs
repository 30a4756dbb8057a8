using System.Text.RegularExpressions;

namespace FleetKeys.Node.Tests.Readme;

/// <summary>
/// The command lines of README.md's shell blocks, grouped as a newcomer runs them: the first node started, with every
/// block that needs a running node; and each further way of starting a node (the demo) with its own block.
/// </summary>
public sealed partial record ReadmeCommands(IReadOnlyList<ReadmeCommands.Scenario> Scenarios)
{
    /// <param name="StartNode">The command that starts the node and keeps running.</param>
    /// <param name="Lines">The commands to run against it, in order, in one shell (they share variables such as KEY).</param>
    public sealed record Scenario(string StartNode, IReadOnlyList<string> Lines);

    /// <summary>Lines the README shows but this spec cannot run inside the suite: the suite itself.</summary>
    private static readonly string[] NotRunHere = ["./test.sh"];

    [GeneratedRegex(@"^```sh\n(?<body>.*?)^```", RegexOptions.Singleline | RegexOptions.Multiline)]
    private static partial Regex ShellBlock();

    /// <summary>"dotnet run --project src/FleetKeys.Node", bare or with options (not a sub-command such as new-api-key): a node.</summary>
    [GeneratedRegex(@"^dotnet run --project src/FleetKeys\.Node( -- --.*)?$")]
    private static partial Regex NodeStart();

    public static ReadmeCommands Parse(string markdown)
    {
        var blocks = ShellBlock().Matches(markdown.Replace("\r\n", "\n")).Select(m => Lines(m.Groups["body"].Value)).ToList();
        var scenarios = new List<Scenario>();
        List<string>? first = null;
        foreach (var block in blocks)
        {
            var start = block.FirstOrDefault(l => NodeStart().IsMatch(l));
            var rest = block.Where(l => l != start && !NotRunHere.Contains(l)).ToList();
            if (start is null && first is not null) first.AddRange(rest);
            else if (start is not null && first is null) scenarios.Add(new Scenario(start, first = rest));
            else if (start is not null) scenarios.Add(new Scenario(start, rest));
            else throw new InvalidOperationException($"README.md runs commands before it starts a node: {string.Join("; ", rest)}");
        }

        return new ReadmeCommands(scenarios);
    }

    /// <summary>A block's commands: continuation lines joined, comments and blank lines left out.</summary>
    private static List<string> Lines(string block) =>
        [.. block.Replace("\\\n", " ").Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#'))];

    /// <summary>Every path the README gives to --config, as written.</summary>
    public static IEnumerable<string> ConfigFiles(string markdown) =>
        Regex.Matches(markdown, @"--config\s+([^\s`]+)").Select(m => m.Groups[1].Value);
}
