using System.Text.Json;

namespace FleetKeys.Ctl;

// The management port's JSON, as fleetctl reads it. Only what it needs: a newer node may send more.

public sealed record CommandList(string Node, string Caller, string Role, IReadOnlyList<PaletteInfo> Palettes)
{
    public PaletteInfo? Palette(string name) => Palettes.FirstOrDefault(p => p.Name == name);
}

public sealed record PaletteInfo(string Name, string Summary, IReadOnlyList<CommandInfo> Commands)
{
    public CommandInfo? Command(string name) => Commands.FirstOrDefault(c => c.Name == name);
}

public sealed record CommandInfo(string Name, string Summary, string Role, bool Destructive, bool Allowed, IReadOnlyList<ArgumentInfo> Arguments);

public sealed record ArgumentInfo(string Name, string Summary, bool Required);

/// <summary>An RFC 9457 problem; validation problems also name each bad field.</summary>
public sealed record Problem(string? Title, string? Detail, int? Status, Dictionary<string, string[]>? Errors);

public static class Wire
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
}
