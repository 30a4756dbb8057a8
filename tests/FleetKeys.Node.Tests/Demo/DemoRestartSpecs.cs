using FleetKeys.Testing;

namespace FleetKeys.Node.Tests.Demo;

/// <summary>
/// A demo node starts again on its own data folder whatever it finds there — keys out included — and carries on: the keys
/// that were out come back with their holders.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class DemoRestartSpecs
{
    /// <summary>
    /// One controller, two cabinets, busy people who keep their keys well past the stop, and who put each back in its own
    /// slot themselves: a key put back in another slot stays out on its own slot's record (issue 18, "return anywhere"),
    /// and a key handed over at the cabinet comes back with its new holder, so either would make this spec wait for a
    /// return it never sees.
    /// </summary>
    private static readonly string[] Busy =
    [
        "--FleetKeys:Demo:Controllers", "1", "--FleetKeys:Demo:CabinetsPerController", "2", "--FleetKeys:Demo:SlotsPerCabinet", "6",
        "--FleetKeys:Demo:People", "8", "--FleetKeys:Demo:VisitsPerSecond", "4", "--FleetKeys:Demo:WrongSlotChance", "0",
        "--FleetKeys:Demo:HandoverChance", "0",
        "--FleetKeys:Demo:HoldTime", "00:01:00",
    ];

    /// <summary>
    /// The same fleet after the restart, where keys come back within seconds — short-loan keys too, which the demo's people
    /// otherwise keep for minutes.
    /// </summary>
    private static readonly string[] Brief = [.. Busy[..^1], "00:00:04", "--FleetKeys:Demo:ShortLoanHoldTime", "00:00:04"];

    [Fact]
    public Task A_demo_node_stopped_while_keys_are_out_starts_again_on_its_data_and_the_keys_come_back() =>
        RestartWithKeysOut(demo => demo.Stop());

    [Fact]
    public Task A_demo_node_killed_while_keys_are_out_starts_again_on_its_data_and_the_keys_come_back() =>
        RestartWithKeysOut(demo =>
        {
            demo.Kill();
            return Task.CompletedTask;
        });

    private static async Task RestartWithKeysOut(Func<DemoNode, Task> stop)
    {
        await using var demo = new DemoNode();
        await demo.Start(Busy);
        var taken = await KeysOut(demo);

        await stop(demo);
        await demo.Start(Brief);

        Assert.DoesNotContain("provisioning the fleet failed", demo.Output);
        // Each key out at the stop is brought back by its holder: a return of that custody follows its take in the key's journal.
        await Eventually.Holds(async () =>
        {
            foreach (var (slot, holder, since) in taken)
            {
                var history = await demo.Get($"/api/v1/cabinets/{slot.Replace("/", "/slots/")}/history");
                Assert.Contains(history.EnumerateArray(), e => e.GetProperty("type").GetString() == "keyslot.returned.v1"
                    && e.GetProperty("event").GetProperty("holder").GetString() == holder
                    && e.GetProperty("event").GetProperty("at").GetDateTimeOffset() > since);
            }
        }, TimeSpan.FromSeconds(60));
    }

    /// <summary>Waits until simulated people hold keys: their slots, holders and since when.</summary>
    private static async Task<IReadOnlyList<(string Slot, string Holder, DateTimeOffset Since)>> KeysOut(DemoNode demo)
    {
        IReadOnlyList<(string, string, DateTimeOffset)> taken = [];
        await Eventually.Holds(async () =>
        {
            var listing = await demo.Get("/api/v1/custody?status=out");
            taken = [.. listing.GetProperty("items").EnumerateArray().Select(k =>
                (k.GetProperty("slotId").GetString()!, k.GetProperty("holder").GetString()!, k.GetProperty("since").GetDateTimeOffset()))];
            Assert.NotEmpty(taken);
        }, TimeSpan.FromSeconds(60));
        return taken;
    }
}
