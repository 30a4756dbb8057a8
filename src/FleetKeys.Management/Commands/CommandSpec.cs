using System.Text.Json.Serialization;

namespace FleetKeys.Management.Commands;

/// <summary>
/// What GET /mgmt/v1/commands answers: every palette this node serves. fleetctl builds its whole command line from it,
/// so a newer node adds commands without a newer fleetctl.
/// </summary>
public sealed record CommandList(string Node, string Caller, string Role, IReadOnlyList<PaletteSpec> Palettes);

public sealed record PaletteSpec(string Name, string Summary, IReadOnlyList<CommandSpec> Commands);

/// <param name="Role">The least role that may run the command.</param>
/// <param name="Allowed">Whether the caller's role may run it, so the CLI can say no before asking for a confirmation.</param>
/// <param name="Destructive">fleetctl asks for a confirmation unless --yes.</param>
public sealed record CommandSpec(
    string Name, string Summary, string Role, bool Destructive, bool Allowed, IReadOnlyList<ArgumentSpec> Arguments);

/// <summary>Arguments are given in this order on the command line, or by name as --name value.</summary>
public sealed record ArgumentSpec(string Name, string Summary, bool Required)
{
    /// <summary>
    /// Free text written about a person (a revocation reason, an alarm note): the node's log line of the run leaves its value
    /// out, as logs carry no personal data (docs/operations.md, "Logs"); the audit records it with the fact.
    /// </summary>
    [JsonIgnore]
    public bool FreeText { get; init; }

    public static ArgumentSpec Of(string name, string summary) => new(name, summary, true);

    public static ArgumentSpec Optional(string name, string summary) => new(name, summary, false);

    public static ArgumentSpec Text(string name, string summary, bool required = true) => new(name, summary, required) { FreeText = true };
}

/// <summary>The body of POST /mgmt/v1/commands/{palette}/{command}.</summary>
public sealed record RunRequest(Dictionary<string, string>? Arguments);
