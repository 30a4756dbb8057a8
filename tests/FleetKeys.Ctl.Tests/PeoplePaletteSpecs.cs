using FleetKeys.Cluster.Persistence;
using FleetKeys.Ctl.Tests.Support;
using FleetKeys.Domain.People;

namespace FleetKeys.Ctl.Tests;

[Collection(FleetCollection.Name)]
public sealed class PeoplePaletteSpecs(FleetFixture fleet)
{
    private CtlNode Node => fleet.Node;

    [Fact]
    public async Task A_person_is_shown_with_status_badges_entitlements_and_keys_held()
    {
        var shown = await Node.Ctl("people", "show", FleetFixture.Holder);
        var unknown = await Node.Ctl("people", "show", "p-9999");

        Assert.Equal(0, shown.ExitCode);
        Assert.Equal(["status:", "active"], shown.Row("status:"));
        Assert.Equal(["keys held:", "vault/1, vault/2"], shown.Row("keys held:"));
        Assert.Equal(["any group", "site hq", "always"], shown.Row("any group"));
        Assert.Equal(1, unknown.ExitCode);
    }

    [Fact]
    public async Task Revoke_asks_first_and_reinstate_undoes_it()
    {
        var declined = await Node.CtlTyping("no\n", "people", "revoke", "p-0002", "left the company");
        var stillActive = await Node.Ctl("people", "show", "p-0002");
        var revoked = await Node.CtlTyping("yes\n", "people", "revoke", "p-0002", "left the company");
        var reinstated = await Node.Ctl("people", "reinstate", "p-0002");

        Assert.Equal(1, declined.ExitCode);
        Assert.Contains("people revoke p-0002 left the company: deny a person everything", declined.Error);
        Assert.Contains("not confirmed; nothing was done", declined.Error);
        Assert.Equal(["status:", "active"], stillActive.Row("status:"));
        Assert.Equal(0, revoked.ExitCode);
        Assert.Equal(["status:", "suspended"], revoked.Row("status:"));
        Assert.Equal(["revocation reason:", "left the company"], revoked.Row("revocation reason:"));
        Assert.Equal(0, reinstated.ExitCode);
        Assert.Equal(["status:", "active"], reinstated.Row("status:"));
    }

    [Fact]
    public async Task Revoke_with_yes_asks_nothing_and_takes_a_status()
    {
        var terminated = await Node.Ctl("people", "revoke", "p-0003", "--reason", "contract ended", "--status", "terminated", "--yes", "--json");
        var wrongStatus = await Node.Ctl("people", "revoke", "p-0003", "--reason", "x", "--status", "retired", "--yes");
        var byOperator = await Node.CtlAs(Keys.Operator, "people", "revoke", "p-0003", "x");
        var unknown = await Node.Ctl("people", "revoke", "p-9999", "x", "--yes");
        var journal = await Node.Service<JournalHistory>().EventsOf("person-p-0003");

        Assert.Equal(0, terminated.ExitCode);
        Assert.Equal("terminated", terminated.Json.GetProperty("status").GetString());
        Assert.Equal(new ChangeOrigin(OriginKind.Fleetctl, "bootstrap-admin"), journal.Select(e => e.Event).OfType<PersonRevoked>().Last().Origin);
        Assert.Equal(2, wrongStatus.ExitCode);
        Assert.Contains("status: must be one of: suspended, terminated", wrongStatus.Error);
        Assert.Equal(3, byOperator.ExitCode);
        Assert.DoesNotContain("Type 'yes'", byOperator.Error);
        Assert.Equal(1, unknown.ExitCode);
    }

    [Fact]
    public async Task Erase_asks_first_erases_as_the_api_does_and_refuses_a_person_holding_a_key()
    {
        var person = $"p-erase-{Guid.NewGuid():N}"[..16];
        await Node.Service<FleetKeys.Cluster.Administration.FleetAdmin>().RegisterPerson(new(person), "Erin Erasable", null, null, 1);

        var byOperator = await Node.CtlAs(Keys.Operator, "people", "erase", person, "request 7");
        var declined = await Node.CtlTyping("no\n", "people", "erase", person, "request 7");
        var erased = await Node.Ctl("people", "erase", person, "--reason", "request 7", "--yes", "--json");
        var shown = await Node.Ctl("people", "show", person, "--json");
        var holding = await Node.Ctl("people", "erase", FleetFixture.Holder, "--reason", "request 8", "--yes");

        Assert.Equal(3, byOperator.ExitCode);
        Assert.Equal(1, declined.ExitCode);
        Assert.Equal(0, erased.ExitCode);
        Assert.Equal($"erased person #{person}", erased.Json.GetProperty("shownAs").GetString());
        Assert.Equal($"erased person #{person}", shown.Json.GetProperty("name").GetString());
        Assert.Equal(1, holding.ExitCode);
        Assert.Contains("must come back or be written off", holding.Error);
    }

    [Fact]
    public async Task Export_gives_everything_held_about_a_person_as_json_or_as_csv_into_a_file_and_names_an_unknown_person()
    {
        var file = Path.Combine(Path.GetTempPath(), $"fleetctl-export-{Guid.NewGuid():N}.csv");
        try
        {
            var json = await Node.Ctl("people", "export", FleetFixture.Holder, "--json");
            var csv = await Node.Ctl("people", "export", FleetFixture.Holder, "--csv", "--out", file);
            var byOperator = await Node.CtlAs(Keys.Operator, "people", "export", FleetFixture.Holder);
            var unknown = await Node.Ctl("people", "export", "p-9999");
            var lines = await File.ReadAllLinesAsync(file);

            Assert.Equal(0, json.ExitCode);
            Assert.Equal(FleetFixture.Holder, json.Json.GetProperty("person").GetProperty("id").GetString());
            Assert.NotEmpty(json.Json.GetProperty("custody").EnumerateArray());
            Assert.Equal((0, $"wrote {file}"), (csv.ExitCode, csv.Out.Trim()));
            Assert.Equal("section,id,at,kind,keyId,cabinetId,detail", lines[0]);
            Assert.Contains(lines, l => l.StartsWith($"profile,{FleetFixture.Holder},", StringComparison.Ordinal));
            Assert.Contains(lines, l => l.StartsWith("custody,", StringComparison.Ordinal));
            // A whole person's record is an administrator's to give out, as on the API.
            Assert.Equal(3, byOperator.ExitCode);
            Assert.Equal(1, unknown.ExitCode);
            Assert.StartsWith("fleetctl: ", unknown.Error);
            Assert.Contains("p-9999", unknown.Error);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
