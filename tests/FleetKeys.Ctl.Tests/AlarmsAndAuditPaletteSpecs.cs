using FleetKeys.Ctl.Tests.Support;
using FleetKeys.Testing;

namespace FleetKeys.Ctl.Tests;

[Collection(FleetCollection.Name)]
public sealed class AlarmsAndAuditPaletteSpecs(FleetFixture fleet)
{
    private CtlNode Node => fleet.Node;

    [Fact]
    public async Task An_alarm_is_listed_acknowledged_with_a_note_and_cleared()
    {
        Assert.True(fleet.Cabinet.ForceSlot(4));
        long id = 0;
        await Eventually.Holds(async () =>
        {
            var listed = await Node.Ctl("alarms", "list", "--json");
            var alarm = listed.Json.EnumerateArray().Single(a => a.GetProperty("kind").GetString() == "forcedRemoval"
                                                                 && a.GetProperty("cabinetId").GetString() == fleet.Cabinet.CabinetId);
            id = alarm.GetProperty("id").GetInt64();
        }, TimeSpan.FromSeconds(20));

        var byAuditor = await Node.CtlAs(Keys.Auditor, "alarms", "acknowledge", id.ToString(), "looking");
        var acknowledged = await Node.Ctl("alarms", "acknowledge", id.ToString(), "guard sent to the cabinet", "--json");
        var cleared = await Node.Ctl("alarms", "clear", id.ToString(), "key found in the van", "--json");
        var unknown = await Node.Ctl("alarms", "acknowledge", "999999999", "nothing");

        Assert.Equal(3, byAuditor.ExitCode);
        Assert.Equal(0, acknowledged.ExitCode);
        Assert.Equal("acknowledged", acknowledged.Json.GetProperty("state").GetString());
        Assert.Equal("guard sent to the cabinet", acknowledged.Json.GetProperty("acknowledged").GetProperty("note").GetString());
        Assert.Equal("cleared", cleared.Json.GetProperty("state").GetString());
        // The list is read from the alarms projection, which applies the clear a moment later.
        await Eventually.Holds(async () => Assert.DoesNotContain(
            (await Node.Ctl("alarms", "list", "--json")).Json.EnumerateArray(), a => a.GetProperty("id").GetInt64() == id), TimeSpan.FromSeconds(20));
        Assert.Equal(1, unknown.ExitCode);
    }

    [Fact]
    public async Task The_audit_log_verifies_intact_and_exports_its_chained_entries()
    {
        await Eventually.Holds(async () =>
            Assert.True((await Node.Ctl("audit", "export", "--count", "3", "--json")).Json.GetArrayLength() == 3), TimeSpan.FromSeconds(20));

        var verified = await Node.Ctl("audit", "verify", "--json");
        var exported = await Node.Ctl("audit", "export", "--count", "3", "--json");
        var badCount = await Node.Ctl("audit", "export", "--count", "0");

        Assert.Equal(0, verified.ExitCode);
        Assert.True(verified.Json.GetProperty("intact").GetBoolean(), verified.Out);
        Assert.All(exported.Json.EnumerateArray(), e => Assert.False(string.IsNullOrEmpty(e.GetProperty("hash").GetString())));
        var entries = exported.Json.EnumerateArray().ToList();
        Assert.Equal(entries[0].GetProperty("hash").GetString(), entries[1].GetProperty("previousHash").GetString());
        Assert.Equal(2, badCount.ExitCode);
    }
}
