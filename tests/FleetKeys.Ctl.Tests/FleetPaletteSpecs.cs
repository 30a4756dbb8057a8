using FleetKeys.Ctl.Tests.Support;
using FleetKeys.Testing;

namespace FleetKeys.Ctl.Tests;

[Collection(FleetCollection.Name)]
public sealed class FleetPaletteSpecs(FleetFixture fleet)
{
    private CtlNode Node => fleet.Node;

    [Fact]
    public async Task Controllers_are_listed_connected_or_not_and_can_be_filtered()
    {
        var all = await Node.Ctl("fleet", "controllers");
        var offline = await Node.Ctl("fleet", "controllers", "--state", "offline");
        var json = await Node.Ctl("fleet", "controllers", "--json");

        Assert.Equal(0, all.ExitCode);
        Assert.Equal(["connected:", "1"], all.Row("connected:"));
        Assert.Equal(["ctl-01", $"127.0.0.1:{fleet.Controller.Port}", "yes", "1", "1"], all.Row("ctl-01").Take(5));
        Assert.Equal(["ctl-dark", "no", "1", "0", "-"], all.Row("ctl-dark").Where((_, i) => i != 1));
        Assert.DoesNotContain(offline.Lines, l => l.StartsWith("ctl-01"));
        Assert.Contains(offline.Lines, l => l.StartsWith("ctl-dark"));
        Assert.Equal(["ctl-01", "ctl-dark"], json.Json.GetProperty("controllers").EnumerateArray().Select(c => c.GetProperty("controller").GetString()));
    }

    [Fact]
    public async Task Cabinets_are_listed_online_or_not_with_the_keys_out()
    {
        var all = await Node.Ctl("fleet", "cabinets");
        var online = await Node.Ctl("fleet", "cabinets", "--state", "online");
        var wrong = await Node.Ctl("fleet", "cabinets", "--state", "sideways");

        Assert.Equal(0, all.ExitCode);
        Assert.Equal(["ctl-01-cab-01", "hq", "ctl-01", "1", "yes", "no", "4", "0"], all.Row("ctl-01-cab-01"));
        Assert.Equal(["vault", "hq", "ctl-dark", "1", "no", "no", "3", "2"], all.Row("vault"));
        Assert.Contains(online.Lines, l => l.StartsWith("ctl-01-cab-01"));
        Assert.DoesNotContain(online.Lines, l => l.StartsWith("vault"));
        Assert.Equal(2, wrong.ExitCode);
        Assert.Contains("state: must be one of: online, offline", wrong.Error);
    }

    [Fact]
    public async Task A_cabinets_slots_show_each_keys_custody()
    {
        var slots = await Node.Ctl("fleet", "slots", "vault");
        var missing = await Node.Ctl("fleet", "slots", "attic");

        Assert.Equal(0, slots.ExitCode);
        Assert.Equal(["online:", "no"], slots.Row("online:"));
        Assert.Equal(["vault/1", "vault-k1", "Vault master", "master", "out", FleetFixture.Holder], slots.Row("vault/1").Take(6));
        Assert.Equal("yes", slots.Row("vault/2")[^1]);
        Assert.Equal(["vault/3", "vault-k3", "Archive", "restricted", "inSlot", "-", "-", "-", "no"], slots.Row("vault/3"));
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("cabinet attic does not exist", missing.Error);
    }

    [Fact]
    public async Task Ping_answers_for_a_connected_controller_and_fails_for_one_that_is_not()
    {
        var connected = await Node.Ctl("fleet", "ping", "ctl-01");
        var dark = await Node.Ctl("fleet", "ping", "ctl-dark");
        var unknown = await Node.Ctl("fleet", "ping", "ctl-none");

        Assert.Equal(0, connected.ExitCode);
        Assert.Equal(["connected:", "yes"], connected.Row("connected:"));
        Assert.Equal(["cabinets online:", "1"], connected.Row("cabinets online:"));
        Assert.True(double.Parse(connected.Row("cluster round trip ms:")[1], System.Globalization.CultureInfo.InvariantCulture) >= 0);
        Assert.Equal(1, dark.ExitCode);
        Assert.Contains("controller ctl-dark is not connected", dark.Error);
        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("controller ctl-none does not exist", unknown.Error);
        // Looking for an unknown controller must not start one: controllers are remembered for good once started.
        Assert.DoesNotContain((await Node.Ctl("fleet", "controllers")).Lines, l => l.StartsWith("ctl-none"));
    }

    [Fact]
    public async Task Resync_sends_the_connected_controller_its_whole_allow_list_again()
    {
        using var within = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var cleared = fleet.Cabinet.WaitUntilAsync(c => c.AllowList.Entries.Count == 0, within.Token);

        var resync = await Node.Ctl("fleet", "resync", "ctl-01");
        await cleared;
        await fleet.Cabinet.WaitUntilAsync(c => c.AllowList.Entries.Count > 0, within.Token);

        Assert.Equal(0, resync.ExitCode);
        Assert.Equal("allow-list resync sent to 1 cabinet(s) of controller ctl-01", resync.Lines[0]);
        var dark = await Node.Ctl("fleet", "resync", "ctl-dark");
        Assert.Equal(1, dark.ExitCode);
        Assert.Contains("ctl-dark is not connected", dark.Error);
        var byOperator = await Node.CtlAs(Keys.Operator, "fleet", "resync", "ctl-01");
        Assert.Equal(3, byOperator.ExitCode);
        Assert.Contains("needs the admin role", byOperator.Error);
    }
}
