using FleetKeys.Ctl.Tests.Support;

namespace FleetKeys.Ctl.Tests;

[Collection(FleetCollection.Name)]
public sealed class CustodyPaletteSpecs(FleetFixture fleet)
{
    private CtlNode Node => fleet.Node;

    [Fact]
    public async Task A_keys_custody_comes_from_its_slot()
    {
        var master = await Node.Ctl("custody", "key", "vault/1");
        var inSlot = await Node.Ctl("custody", "key", "ctl-01-cab-01/2", "--json");
        var empty = await Node.Ctl("custody", "key", "vault/9");
        var malformed = await Node.Ctl("custody", "key", "vault");

        Assert.Equal(0, master.ExitCode);
        Assert.Equal(["status:", "out"], master.Row("status:"));
        Assert.Equal(["holder:", FleetFixture.Holder], master.Row("holder:"));
        Assert.Equal(["criticality:", "master"], master.Row("criticality:"));
        Assert.Equal("inSlot", inSlot.Json.GetProperty("status").GetString());
        Assert.Equal(1, empty.ExitCode);
        Assert.Contains("no key is homed in slot vault/9", empty.Error);
        Assert.Equal(2, malformed.ExitCode);
        Assert.Contains("slot: slot id must look like '{cabinetId}/{slot}'", malformed.Error);
    }

    [Fact]
    public async Task A_persons_keys_are_those_they_hold()
    {
        var holder = await Node.Ctl("custody", "person", FleetFixture.Holder);
        var none = await Node.Ctl("custody", "person", "p-0003");
        var unknown = await Node.Ctl("custody", "person", "p-9999");

        Assert.Equal(0, holder.ExitCode);
        Assert.Equal("keys (2)", holder.Lines.Single(l => l.StartsWith("keys")));
        Assert.Equal(["vault/1", "vault-k1", "Vault master"], holder.Row("vault/1").Take(3));
        Assert.Equal(["vault/2", "vault-k2", "Van 7"], holder.Row("vault/2").Take(3));
        Assert.Equal(["keys:", "(none)"], none.Row("keys:"));
        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("person p-9999 does not exist", unknown.Error);
    }

    [Fact]
    public async Task Overdue_lists_the_keys_past_their_due_time_across_the_fleet()
    {
        var overdue = await Node.Ctl("custody", "overdue");
        var json = await Node.Ctl("custody", "overdue", "--json");

        Assert.Equal(0, overdue.ExitCode);
        Assert.Equal(["cabinets searched:", "2"], overdue.Row("cabinets searched:"));
        Assert.Equal(["vault/2", "vault-k2", "Van 7", "normal", "out", FleetFixture.Holder], overdue.Row("vault/2").Take(6));
        Assert.Equal(["vault/2"], json.Json.GetProperty("keys").EnumerateArray().Select(k => k.GetProperty("slot").GetString()));
        Assert.True(json.Json.GetProperty("keys")[0].GetProperty("overdue").GetBoolean());
    }

    [Fact]
    public async Task Masters_lists_the_master_keys_out_of_their_slots()
    {
        var masters = await Node.Ctl("custody", "masters", "--json");

        Assert.Equal(0, masters.ExitCode);
        // ctl-01-cab-01/1 holds a master key too, but it is in its slot.
        Assert.Equal(["vault/1"], masters.Json.GetProperty("keys").EnumerateArray().Select(k => k.GetProperty("slot").GetString()));
        Assert.Equal(FleetFixture.Holder, masters.Json.GetProperty("keys")[0].GetProperty("holder").GetString());
    }
}
