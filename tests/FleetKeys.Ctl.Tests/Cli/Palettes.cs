namespace FleetKeys.Ctl.Tests.Cli;

/// <summary>A node's command list, as the unit tests of the CLI's own logic need one.</summary>
public static class Palettes
{
    public static readonly CommandList List = new("akka.tcp://fleetkeys@127.0.0.1:4053", "ops", "admin",
    [
        new PaletteInfo("cluster", "members", [
            new CommandInfo("show", "members", "auditor", false, true, []),
            new CommandInfo("status", "health", "auditor", false, true, []),
            new CommandInfo("down", "down a member", "admin", true, true, [new ArgumentInfo("address", "a member", true)]),
            new CommandInfo("down-unreachable", "down the unreachable", "admin", true, true, []),
        ]),
        new PaletteInfo("custody", "keys", [
            new CommandInfo("key", "one key", "auditor", false, true, [new ArgumentInfo("slot", "cabinet/slot", true)]),
        ]),
        new PaletteInfo("log", "lines", [
            new CommandInfo("recent", "latest", "auditor", false, true,
                [new ArgumentInfo("level", "a level", false), new ArgumentInfo("count", "how many", false)]),
        ]),
    ]);

    public static CommandInfo Command(string palette, string command) => List.Palette(palette)!.Command(command)!;
}
