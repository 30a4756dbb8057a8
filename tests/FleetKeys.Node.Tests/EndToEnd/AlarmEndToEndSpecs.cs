using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FleetKeys.Protocol;
using FleetKeys.Simulator;
using FleetKeys.Testing;

namespace FleetKeys.Node.Tests.EndToEnd;

/// <summary>
/// Alarms from a simulated cabinet over TCP, configured through the API: wrong PINs lock the person out, the duress PIN
/// looks like the PIN at the cabinet, a door left open and the tamper input raise alarms, and so does a grant a cut-off
/// controller made after the person was revoked.
/// </summary>
public abstract class AlarmEndToEndSpecs<TDatabase>(NodeFixture<TDatabase> fixture) : RigSpecs<TDatabase>(fixture) where TDatabase : TestDatabase, new()
{
    protected override Task<HardwareRig> StartRig(NodeApp node) => HardwareRig.StartOn(node, requiresPin: true);

    private async Task Settings(int doorOpenSeconds = 120, int pinAttempts = 5)
    {
        var answer = await Rig.Admin.PutAsJsonAsync($"/api/v1/cabinets/{Rig.CabinetId}/alarm-settings",
            new { doorOpenSeconds, pinAttempts, pinWindowMinutes = 10, pinLockoutMinutes = 30 });
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
    }

    private async Task Typed(ByteString badge, string pin, string shown)
    {
        Cabinet.PresentBadge(badge);
        await Cabinet.WhenText(t => t.Contains("PIN, then"), HardwareRig.Within());
        Cabinet.EnterPin(pin + "#");
        await Cabinet.WhenText(t => t == shown, HardwareRig.Within());
    }

    [Fact]
    public async Task Wrong_pins_lock_the_person_at_the_cabinet_and_the_duress_pin_looks_like_the_pin_but_raises_a_silent_alarm()
    {
        await Settings(pinAttempts: 2);
        var bob = await Rig.Person("bob", pin: "1111");
        var erin = await Rig.Person("erin", pin: "2222");
        var sameAsPin = await Rig.Admin.PutAsJsonAsync($"/api/v1/people/{erin.PersonId}/duress-pin", new { pin = "2222" });
        Assert.Equal(HttpStatusCode.NoContent, (await Rig.Admin.PutAsJsonAsync($"/api/v1/people/{erin.PersonId}/duress-pin", new { pin = "9110" })).StatusCode);
        var pinSameAsDuress = await Rig.Admin.PutAsJsonAsync($"/api/v1/people/{erin.PersonId}/pin", new { pin = "9110" });

        await Typed(bob.Badge, "0000", "Wrong PIN");
        await Typed(bob.Badge, "0001", "PIN locked: try later");
        await Typed(bob.Badge, "1111", "PIN locked: try later");
        await Rig.Release(erin with { Pin = "9110" }, 2);

        var locked = Assert.Single(await Rig.Alarms("repeatedFailedPins"));
        var duress = Assert.Single(await Rig.Alarms("duress"));
        foreach (var refused in new[] { sameAsPin, pinSameAsDuress })
        {
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Contains("pin", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateObject().Select(e => e.Name));
        }
        Assert.Equal((bob.PersonId, erin.PersonId), (locked.GetProperty("personId").GetString(), duress.GetProperty("personId").GetString()));
        Assert.Equal(JsonValueKind.String, (await Rig.Get<JsonElement>($"/api/v1/people/{bob.PersonId}")).GetProperty("pinLockedUntil").ValueKind);
        Assert.DoesNotContain("9110", await Rig.Admin.GetStringAsync($"/api/v1/people/{erin.PersonId}"));
    }

    [Fact]
    public async Task A_door_left_open_the_tamper_input_lost_mains_power_and_a_low_battery_raise_alarms_and_the_door_power_and_battery_back_clear_their_own()
    {
        await Settings(doorOpenSeconds: 1);

        Assert.True(Cabinet.OpenDoor());
        Assert.True(Cabinet.Tamper(active: true));
        Assert.True(Cabinet.MainsPower(on: false));
        Assert.True(Cabinet.Battery(15));
        var door = Assert.Single(await Rig.Alarms("doorLeftOpen"));
        Assert.Single(await Rig.Alarms("tamper"));
        Assert.Single(await Rig.Alarms("mainsPowerLost"));
        Assert.Contains("15 %", Assert.Single(await Rig.Alarms("batteryLow")).GetProperty("detail").GetString());
        var view = await Rig.Get<JsonElement>($"/api/v1/cabinets/{Rig.CabinetId}");
        Assert.Equal((true, true, true), (view.GetProperty("tampered").GetBoolean(), view.GetProperty("onBattery").GetBoolean(),
            view.GetProperty("lowBattery").GetBoolean()));
        Assert.True(Cabinet.MainsPower(on: true));
        Assert.True(Cabinet.Battery(35));
        Assert.Equal("the battery is back at 35 %",
            Assert.Single(await Rig.Alarms("batteryLow", state: "cleared")).GetProperty("cleared").GetProperty("note").GetString());
        Assert.Single(await Rig.Alarms("mainsPowerLost", state: "cleared"));
        Assert.True(Cabinet.CloseDoor());

        var cleared = Assert.Single(await Rig.Alarms("doorLeftOpen", state: "cleared"));
        var acknowledged = await Rig.Admin.PostAsJsonAsync($"/api/v1/alarms/{door.GetProperty("id").GetInt64()}/acknowledge", new { note = "late" });
        Assert.Equal(door.GetProperty("id").GetInt64(), cleared.GetProperty("id").GetInt64());
        Assert.Equal("system", cleared.GetProperty("cleared").GetProperty("by").GetString());
        Assert.Equal(HttpStatusCode.Conflict, acknowledged.StatusCode);
        Assert.Contains("cleared itself", (await acknowledged.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_person_changes_their_pin_at_the_keypad_with_the_current_one_and_the_new_one_twice_and_then_opens_with_the_new_one()
    {
        var bob = await Rig.Person("bob", pin: "1111");

        await Typed(bob.Badge, "*1111*2468*2469", "New PINs differ: try again");
        await Typed(bob.Badge, "*1111*2468*2468", "PIN changed");
        await Typed(bob.Badge, "1111", "Wrong PIN");
        await Typed(bob.Badge, "2468", "Welcome: choose a key");

        var audit = await Rig.Get<JsonElement>($"/api/v1/audit?persistenceId=person-{bob.PersonId}");
        Assert.Contains(audit.GetProperty("items").EnumerateArray(), e => e.GetProperty("type").GetString() == "person.pin-set.v1"
            && e.GetProperty("event").GetProperty("By").GetString() == $"cabinet {Rig.CabinetId}");
    }

    [Fact]
    public async Task A_grant_a_cut_off_controller_made_after_the_revocation_raises_an_alarm_once_it_is_uploaded()
    {
        var mallory = await Rig.Person("mallory", pin: "3333");
        await Cabinet.WaitUntilAsync(c => c.AllowList.Entries.Values.Any(e => e.PersonId == mallory.PersonId && e.Pin is not null), HardwareRig.Within());
        Rig.Relay.Cut();
        Rig.ControllerClock.Advance(Protocol.ProtocolTiming.OfflineAfter);
        await Cabinet.WhenOffline(HardwareRig.Within());

        var revoked = await Rig.Admin.PostAsJsonAsync($"/api/v1/people/{mallory.PersonId}/revoke", new { status = "terminated", reason = "dismissed" });
        Rig.ControllerClock.Advance(TimeSpan.FromMinutes(1)); // the controller's clock is well past the revocation
        Assert.Equal(InputOutcome.AwaitingPin, Cabinet.PresentBadge(mallory.Badge));
        Assert.Equal(InputOutcome.Granted, Cabinet.EnterPin("3333#"));
        Rig.Relay.Resume();
        await Cabinet.WhenOnline(HardwareRig.Within());

        Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);
        Assert.Equal(mallory.PersonId, Assert.Single(await Rig.Alarms("offlineGrantToRevokedPerson")).GetProperty("personId").GetString());
    }
}

public sealed class SqliteAlarmEndToEndSpecs(NodeFixture<SqliteTestDatabase> fixture) : AlarmEndToEndSpecs<SqliteTestDatabase>(fixture);

public sealed class PostgresAlarmEndToEndSpecs(NodeFixture<PostgresTestDatabase> fixture) : AlarmEndToEndSpecs<PostgresTestDatabase>(fixture);
