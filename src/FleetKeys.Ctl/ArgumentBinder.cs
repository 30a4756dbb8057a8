namespace FleetKeys.Ctl;

/// <summary>
/// Binds the words after "palette command" to the command's arguments: "--name value" (or "--name=value") by name,
/// the rest by position in the order the node lists them. "--csv" is "--format csv" for a command that has a format
/// (an export), as the API's "?format=csv".
/// </summary>
public static class ArgumentBinder
{
    /// <returns>The arguments by name, or null with <paramref name="error"/> saying what is wrong.</returns>
    public static Dictionary<string, string>? Bind(CommandInfo command, IReadOnlyList<string> words, out string? error)
    {
        error = null;
        var bound = new Dictionary<string, string>(StringComparer.Ordinal);
        var positional = new Queue<string>();
        for (var i = 0; i < words.Count; i++)
        {
            var word = words[i];
            if (word == "--csv" && command.Arguments.Any(a => a.Name == "format"))
            {
                bound["format"] = "csv";
                continue;
            }

            if (!word.StartsWith("--", StringComparison.Ordinal) || word.Length == 2)
            {
                positional.Enqueue(word);
                continue;
            }

            var (name, value) = word.IndexOf('=') is var eq and > 0 ? (word[2..eq], word[(eq + 1)..]) : (word[2..], null);
            if (command.Arguments.All(a => a.Name != name))
            {
                error = $"'{command.Name}' has no argument --{name}";
                return null;
            }

            if (value is null)
            {
                if (i + 1 >= words.Count)
                {
                    error = $"--{name} needs a value";
                    return null;
                }

                value = words[++i];
            }

            bound[name] = value;
        }

        foreach (var argument in command.Arguments.Where(a => !bound.ContainsKey(a.Name)))
        {
            if (!positional.TryDequeue(out var value)) break;
            bound[argument.Name] = value;
        }

        if (positional.Count > 0)
        {
            error = $"'{command.Name}' does not take '{string.Join(" ", positional)}'";
            return null;
        }

        if (command.Arguments.FirstOrDefault(a => a.Required && !bound.ContainsKey(a.Name)) is { } missing)
        {
            error = $"'{command.Name}' needs <{missing.Name}>: {missing.Summary}";
            return null;
        }

        return bound;
    }
}
