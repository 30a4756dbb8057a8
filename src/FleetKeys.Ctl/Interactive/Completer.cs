namespace FleetKeys.Ctl.Interactive;

/// <summary>What Tab may put in place of the word being typed: from <see cref="Start"/> in the line, one of <see cref="Candidates"/>.</summary>
public sealed record Completion(int Start, IReadOnlyList<string> Candidates);

/// <summary>
/// Completes the first word to a palette (or help, exit), the second to one of that palette's commands, and a word
/// starting with "-" to an argument the command still lacks, all from the node's own list.
/// </summary>
public sealed class Completer(CommandList list)
{
    private static readonly string[] SessionWords = ["help", "exit", "quit"];

    public Completion Complete(string beforeCursor)
    {
        var start = beforeCursor.LastIndexOfAny([' ', '\t']) + 1;
        var typed = beforeCursor[start..];
        var words = Words.Split(beforeCursor[..start]);
        var options = words.Count switch
        {
            0 => list.Palettes.Select(p => p.Name).Concat(SessionWords),
            1 when words[0] == "help" => list.Palettes.Select(p => p.Name),
            1 => list.Palette(words[0])?.Commands.Select(c => c.Name) ?? [],
            _ when typed.StartsWith('-') && list.Palette(words[0])?.Command(words[1]) is { } command =>
                command.Arguments.Where(a => !words.Contains($"--{a.Name}")).Select(a => $"--{a.Name}")
                    .Concat(CtlOptions.Names.Where(o => o is "--json" or "--yes" && !words.Contains(o))),
            _ => [],
        };
        return new Completion(start, [.. options.Where(o => o.StartsWith(typed, StringComparison.Ordinal)).Order(StringComparer.Ordinal)]);
    }
}
