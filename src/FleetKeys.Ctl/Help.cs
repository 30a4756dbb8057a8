namespace FleetKeys.Ctl;

/// <summary>Help is built from what the node serves, so it always matches the node fleetctl talks to.</summary>
public static class Help
{
    public const string Usage = """
        usage: fleetctl [--node host:port] [--token-file file] [--ca-file file] [--json] [--yes] [--out file] <palette> <command> [arguments]
               fleetctl [--node host:port] [--token-file file] [--ca-file file]   an interactive session (history, tab completion)
               fleetctl [--node host:port] [--token-file file] [--json] me   who the node takes the API key for, and its grants
               fleetctl audit verify-bundle <bundle.json> --public-key <key.pem> [--json]   checks an exported audit bundle, no node needed

          --node        the node's management port (default: $FLEETCTL_NODE, else 127.0.0.1:9110); https://host:port for TLS
          --ca-file     PEM file of the CA the node's certificate comes from; host:port then means HTTPS (default: $FLEETCTL_CA_FILE)
          --token-file  a file holding the API key (default: $FLEETCTL_TOKEN, else ./data/admin.key)
          --json        print the node's answer as JSON, for scripts
          --out         write the node's answer to this file instead (e.g. people export <person> [--csv] --out person.json)
          --yes         do not ask before a destructive command
        exit codes: 0 done, 1 the command failed, 2 usage, 3 cannot reach the node or not authorised
        """;

    public static void Overview(TextWriter output, CommandList list)
    {
        output.WriteLine(Usage);
        output.WriteLine();
        output.WriteLine($"palettes served by {list.Node} (you are {list.Caller}, {list.Role}):");
        var width = list.Palettes.Select(p => p.Name.Length).DefaultIfEmpty(0).Max();
        foreach (var palette in list.Palettes) output.WriteLine($"  {palette.Name.PadRight(width)}  {palette.Summary}");
        output.WriteLine();
        output.WriteLine("'fleetctl help <palette>' lists a palette's commands.");
    }

    public static void Palette(TextWriter output, PaletteInfo palette)
    {
        output.WriteLine($"{palette.Name}: {palette.Summary}");
        foreach (var command in palette.Commands)
        {
            output.WriteLine();
            var note = command.Role == "auditor" ? "" : $"   [{command.Role}{(command.Destructive ? ", asks to confirm" : "")}]";
            output.WriteLine($"  {palette.Name} {Synopsis(command)}{note}");
            output.WriteLine($"      {command.Summary}");
            foreach (var argument in command.Arguments) output.WriteLine($"      {argument.Name}: {argument.Summary}");
        }
    }

    /// <summary>"down &lt;address&gt;", "hierarchy [--depth &lt;depth&gt;]".</summary>
    public static string Synopsis(CommandInfo command) =>
        string.Join(" ", command.Arguments.Select(a => a.Required ? $"<{a.Name}>" : $"[--{a.Name} <{a.Name}>]").Prepend(command.Name));
}
