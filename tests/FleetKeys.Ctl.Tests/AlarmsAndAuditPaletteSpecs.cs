using FleetKeys.Cluster.Administration;
using FleetKeys.Cluster.Projections.Audit;
using FleetKeys.Cluster.Security;
using FleetKeys.Cluster.Persistence;
using FleetKeys.Ctl.Tests.Support;
using FleetKeys.Domain.Ids;
using FleetKeys.Domain.People;
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
            Assert.True((await Node.Ctl("audit", "entries", "--count", "3", "--json")).Json.GetArrayLength() == 3), TimeSpan.FromSeconds(20));

        var verified = await Node.Ctl("audit", "verify", "--json");
        var exported = await Node.Ctl("audit", "entries", "--count", "3", "--json");
        var badCount = await Node.Ctl("audit", "entries", "--count", "0");

        Assert.Equal(0, verified.ExitCode);
        Assert.True(verified.Json.GetProperty("intact").GetBoolean(), verified.Out);
        Assert.All(exported.Json.EnumerateArray(), e => Assert.False(string.IsNullOrEmpty(e.GetProperty("hash").GetString())));
        var entries = exported.Json.EnumerateArray().ToList();
        Assert.Equal(entries[0].GetProperty("hash").GetString(), entries[1].GetProperty("previousHash").GetString());
        Assert.Equal(2, badCount.ExitCode);
    }

    [Fact]
    public async Task The_audit_export_says_who_set_a_pin_and_when_but_never_shows_its_hash()
    {
        var admin = Node.Service<FleetAdmin>();
        var person = new PersonId("p-0003");
        Assert.NotNull((await admin.SetPin(person, "2580", "ops-lead")).Value);
        Assert.NotNull((await admin.SetDuressPin(person, "9110", "ops-lead")).Value);
        var stored = (await Node.Service<JournalHistory>().EventsOf("person-p-0003")).Select(e => e.Event)
            .Select(e => e switch { PinSet p => p.PinHash, DuressPinSet d => d.PinHash, _ => null }).OfType<string>().ToList();

        CtlRun json = null!;
        await Eventually.Holds(async () =>
        {
            json = await Node.CtlAs(Keys.Auditor, "audit", "entries", "--persistenceId", "person-p-0003", "--count", "500", "--json");
            Assert.Contains(json.Json.EnumerateArray(), e => e.GetProperty("type").GetString() == "person.duress-pin-set.v1");
        }, TimeSpan.FromSeconds(20));
        var table = await Node.CtlAs(Keys.Auditor, "audit", "entries", "--persistenceId", "person-p-0003", "--count", "500");
        var pinSet = json.Json.EnumerateArray().Last(e => e.GetProperty("type").GetString() == "person.pin-set.v1").GetProperty("event");

        Assert.Equal("ops-lead", pinSet.GetProperty("By").GetString());
        Assert.True(pinSet.TryGetProperty("At", out _));
        Assert.Equal(0, table.ExitCode);
        foreach (var printed in new[] { Unescaped(json.Out), Unescaped(table.Out) })
        {
            Assert.DoesNotContain("pbkdf2", printed);
            foreach (var part in stored.SelectMany(h => h.Split('$').Skip(2))) Assert.DoesNotContain(part, printed);
        }
    }

    [Fact]
    public async Task An_exported_bundle_verifies_offline_with_the_public_key_and_fails_once_a_row_is_edited()
    {
        await Node.Service<AuditCheckpointer>().SignIfDue();
        var exported = await Node.CtlAs(Keys.Auditor, "audit", "export", "--json");
        var folder = Directory.CreateTempSubdirectory("fleetkeys-bundle").FullName;
        var (bundle, edited, key) = (Path.Combine(folder, "bundle.json"), Path.Combine(folder, "edited.json"), Path.Combine(folder, "audit.pem"));
        await File.WriteAllTextAsync(bundle, exported.Out);
        await File.WriteAllTextAsync(key, Node.Service<AuditKeys>().Current.Pem);
        var json = System.Text.Json.Nodes.JsonNode.Parse(exported.Out)!;
        var firstRow = json["rows"]![0]!;
        firstRow["payload"] = firstRow["payload"]!.GetValue<string>().Replace("\"", "\" ");
        await File.WriteAllTextAsync(edited, json.ToJsonString());

        // No node is asked: the node address given is one nothing listens on.
        var verified = await FleetctlProcess.Run("127.0.0.1:9", Keys.Auditor, null, ["audit", "verify-bundle", bundle, "--public-key", key]);
        var failed = await FleetctlProcess.Run("127.0.0.1:9", Keys.Auditor, null, ["audit", "verify-bundle", edited, "--public-key", key, "--json"]);
        var noKey = await FleetctlProcess.Run("127.0.0.1:9", Keys.Auditor, null, ["audit", "verify-bundle", bundle]);
        Directory.Delete(folder, recursive: true);

        Assert.Equal(0, exported.ExitCode);
        Assert.True(json["rows"]!.AsArray().Count > 0, exported.Out);
        Assert.Equal(0, verified.ExitCode);
        Assert.StartsWith("intact", verified.Out);
        Assert.Equal(1, failed.ExitCode);
        Assert.Equal("altered", failed.Json.GetProperty("firstProblem").GetProperty("kind").GetString());
        Assert.Equal(2, noKey.ExitCode);
        Assert.DoesNotContain("PRIVATE", exported.Out);
    }

    /// <summary>JSON may print a base64 '+' as \u002B.</summary>
    private static string Unescaped(string text) =>
        System.Text.RegularExpressions.Regex.Replace(text, @"\\u([0-9a-fA-F]{4})", m => ((char)Convert.ToInt32(m.Groups[1].Value, 16)).ToString());
}
