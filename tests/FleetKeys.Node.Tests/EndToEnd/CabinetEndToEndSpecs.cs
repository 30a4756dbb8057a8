using System.Net.Http.Json;
using System.Text.Json;
using FleetKeys.Cluster.Persistence;
using FleetKeys.Domain.People;
using FleetKeys.Domain.Time;
using FleetKeys.Protocol;
using FleetKeys.Simulator;
using FleetKeys.Simulator.Activity;
using FleetKeys.Testing;

namespace FleetKeys.Node.Tests.EndToEnd;

/// <summary>The take flow from the cabinet's point of view: simulated hardware, the real protocol over TCP, a real node.</summary>
public abstract class CabinetEndToEndSpecs<TDatabase>(NodeFixture<TDatabase> fixture) : RigSpecs<TDatabase>(fixture) where TDatabase : TestDatabase, new()
{
    protected override Task<HardwareRig> StartRig(NodeApp node) => HardwareRig.StartOn(node, requiresPin: true);

    private Task<JsonElement> Custody(int slot) => Rig.Get<JsonElement>($"/api/v1/cabinets/{Rig.CabinetId}/slots/{slot}");

    private async Task<string[]> History(int slot) =>
        [.. (await Rig.Get<JsonElement>($"/api/v1/cabinets/{Rig.CabinetId}/slots/{slot}/history")).EnumerateArray()
            .Select(e => e.GetProperty("type").GetString()!)];

    [Fact]
    public async Task An_inventory_asked_for_finds_a_tag_no_key_has_and_shows_it_on_the_cabinet_and_in_the_reconciliation_report_since_then()
    {
        var stranger = new Protocol.ByteString([0x04, 0xDE, 0xAD, 0xBE, 0xEF, 0x00, 0x01]);
        Assert.True(Cabinet.ForceSlot(3));
        Assert.True(Cabinet.ReturnKey(3, stranger));
        await Cabinet.WhenAllEventsAcknowledged(HardwareRig.Within());

        var asked = await Rig.Admin.PostAsync($"/api/v1/cabinets/{Rig.CabinetId}/inventory", null);
        Assert.Equal(System.Net.HttpStatusCode.Accepted, asked.StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await Rig.Admin.PostAsync("/api/v1/cabinets/no-such-cabinet/inventory", null)).StatusCode);

        await Eventually.Holds(async () =>
        {
            var found = Assert.Single((await Rig.Get<JsonElement>($"/api/v1/cabinets/{Rig.CabinetId}")).GetProperty("discrepancies").EnumerateArray());
            Assert.Equal((3, "unknownTag", stranger.ToHex()), (found.GetProperty("slot").GetInt32(), found.GetProperty("kind").GetString(), found.GetProperty("tag").GetString()));
            var reported = Assert.Single((await Rig.Get<JsonElement>($"/api/v1/reports/reconciliation?cabinetId={Rig.CabinetId}")).GetProperty("items").EnumerateArray());
            Assert.Equal(found.GetProperty("since").GetDateTimeOffset(), reported.GetProperty("foundAt").GetDateTimeOffset());
        });
    }

    [Fact]
    public async Task A_badge_a_pin_a_key_choice_a_take_and_a_return_become_custody()
    {
        var alice = await Rig.Person("alice", pin: "4711");

        await Rig.Release(alice, 3);
        Assert.True(Cabinet.TakeKey(3));
        await Cabinet.WhenAllEventsAcknowledged(HardwareRig.Within());
        var taken = await Custody(3);

        Assert.True(Cabinet.ReturnKey(3, Cabinet.Slot(3).HomeTag));
        await Cabinet.WhenAllEventsAcknowledged(HardwareRig.Within());
        var returned = await Custody(3);

        Assert.Equal(("out", alice.PersonId), (taken.GetProperty("status").GetString(), taken.GetProperty("holder").GetString()));
        Assert.Equal("inSlot", returned.GetProperty("status").GetString());
        Assert.Equal(["keyslot.assigned.v1", "keyslot.released.v1", "keyslot.taken.v1", "keyslot.returned.v1"], await History(3));
    }

    [Fact]
    public async Task Every_refusal_is_shown_at_the_cabinet()
    {
        var today = SiteTime.LocalTime(DateTimeOffset.UtcNow, SiteTime.Zone("Europe/Berlin")).DayOfWeek;
        var never = new Schedule([new WeeklyWindow([(DayOfWeek)(((int)today + 3) % 7)], new TimeOnly(1, 0), new TimeOnly(1, 1))]);
        var bob = await Rig.Person("bob", pin: "1111", maxKeys: 1);
        var carol = await Rig.Person("carol", pin: "2222", entitlements: [new Entitlement(null, null, new("elsewhere"), Schedule.Always)]);
        var dave = await Rig.Person("dave", pin: "3333", entitlements: [new Entitlement(null, Rig.Site, null, never)]);
        var erin = await Rig.Person("erin", pin: "4444");

        async Task Refused(ByteString badge, string pin, string text)
        {
            Cabinet.PresentBadge(badge);
            await Cabinet.WhenText(t => t.Contains("PIN"), HardwareRig.Within());
            Cabinet.EnterPin(pin + "#");
            await Cabinet.WhenText(t => t == text, HardwareRig.Within());
        }

        await Refused(new ByteString([0xDE, 0xAD, 0xBE, 0xEF]), "1234", "Badge not known");
        await Refused(bob.Badge, "9999", "Wrong PIN");
        await Refused(carol.Badge, "2222", "Not allowed here");
        await Refused(dave.Badge, "3333", "Not allowed at this time");

        await Rig.Release(bob, 1);
        Assert.True(Cabinet.TakeKey(1));
        await Cabinet.WhenAllEventsAcknowledged(HardwareRig.Within());
        Cabinet.PresentBadge(bob.Badge);
        await Cabinet.WhenText(t => t.Contains("PIN"), HardwareRig.Within());
        Cabinet.EnterPin("1111#");
        await Cabinet.WhenText(t => t == "Limit reached: returns only", HardwareRig.Within());
        Cabinet.SelectKey(2);
        await Cabinet.WhenText(t => t == "Return a key first", HardwareRig.Within());

        await Rig.Admin.PostAsync($"/api/v1/people/{erin.PersonId}/revoke",
            new StringContent("""{"status":"terminated","reason":"left"}""", System.Text.Encoding.UTF8, "application/json"));
        await Refused(erin.Badge, "4444", "Access revoked");
        Assert.False(Cabinet.Slot(2).IsUnlocked);
    }

    [Fact]
    public async Task A_forced_removal_and_a_wrong_slot_return_are_recorded_the_key_is_back_where_it_sits_and_the_user_is_guided_home()
    {
        var frank = await Rig.Person("frank", pin: "5555");
        Assert.True(Cabinet.ForceSlot(6));
        await Cabinet.WhenAllEventsAcknowledged(HardwareRig.Within());
        await Rig.Release(frank, 4);
        Assert.True(Cabinet.TakeKey(4));

        Assert.True(Cabinet.ReturnKey(6, Cabinet.Slot(4).HomeTag));
        await Cabinet.WhenText(t => t == "Wrong slot: use slot 4", HardwareRig.Within());

        Assert.Equal("missing", (await Custody(6)).GetProperty("status").GetString());
        var misplaced = await Custody(4);
        Assert.Equal(("inSlot", $"{Rig.CabinetId}/6"), (misplaced.GetProperty("status").GetString(), misplaced.GetProperty("placedIn").GetString()));
        Assert.Contains("keyslot.forcibly-removed.v1", await History(6));
    }

    [Fact]
    public async Task A_badge_registered_in_lower_case_opens_the_cabinet_the_reader_reports_it_at_and_is_on_its_offline_list()
    {
        var grace = new SimulatedPerson($"grace-{Guid.NewGuid():N}"[..14], new ByteString([0xD7, .. Guid.NewGuid().ToByteArray().AsSpan(0, 3)]), "1357");
        await Rig.Admin.PostAsJsonAsync("/api/v1/people", new { id = grace.PersonId, name = "Grace", maxKeys = 2 });
        await Rig.Admin.PostAsJsonAsync($"/api/v1/people/{grace.PersonId}/badges", new { badge = grace.Badge.ToHex().ToLowerInvariant() });
        await Rig.Admin.PutAsJsonAsync($"/api/v1/people/{grace.PersonId}/pin", new { pin = "1357" });
        await Rig.Admin.PutAsJsonAsync($"/api/v1/people/{grace.PersonId}/entitlements", new[] { new { siteId = Rig.Site.Value } });

        await Rig.Release(grace, 2);
        await Cabinet.WaitUntilAsync(c => c.AllowList.Entries.ContainsKey(grace.Badge), HardwareRig.Within());
        Assert.True(Cabinet.Slot(2).IsUnlocked);
    }

    [Fact]
    public async Task A_pin_kept_sealed_in_the_journal_still_admits_and_refuses_at_a_cut_off_cabinet()
    {
        var frank = await Rig.Person("frank", pin: "2580");
        await Cabinet.WaitUntilAsync(c => c.AllowList.Entries.Values.Any(e => e.PersonId == frank.PersonId && e.Pin is not null), HardwareRig.Within());
        var stored = (await Rig.Node.Service<JournalHistory>().EventsOf($"person-{frank.PersonId}")).Select(e => e.Event).OfType<PinSet>().Single().PinHash;

        Rig.Relay.Cut();
        Rig.ControllerClock.Advance(ProtocolTiming.OfflineAfter);
        await Cabinet.WhenOffline(HardwareRig.Within());

        Assert.StartsWith("pbkdf2-sha256-sealed$", stored);
        Assert.True(Cabinet.PresentBadge(frank.Badge) == InputOutcome.AwaitingPin, WhyNotGranted(frank.PersonId));
        Assert.Equal(InputOutcome.Denied, Cabinet.EnterPin("0000#"));
        Assert.True(Cabinet.PresentBadge(frank.Badge) == InputOutcome.AwaitingPin, WhyNotGranted(frank.PersonId));
        Assert.True(Cabinet.EnterPin("2580#") == InputOutcome.Granted, WhyNotGranted(frank.PersonId));
    }
}

public sealed class SqliteCabinetEndToEndSpecs(NodeFixture<SqliteTestDatabase> fixture) : CabinetEndToEndSpecs<SqliteTestDatabase>(fixture);

public sealed class PostgresCabinetEndToEndSpecs(NodeFixture<PostgresTestDatabase> fixture) : CabinetEndToEndSpecs<PostgresTestDatabase>(fixture);
