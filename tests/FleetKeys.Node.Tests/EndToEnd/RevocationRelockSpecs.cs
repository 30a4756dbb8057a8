using System.Net;
using System.Text.Json;
using FleetKeys.Testing;

namespace FleetKeys.Node.Tests.EndToEnd;

/// <summary>
/// A revocation locks the slots released to the person, at the cabinet itself, before it is acknowledged; a controller cut
/// off at the time locks when it is back; and a key already in the hand when the lock closed is a security alarm.
/// Real node, real TCP, a simulated controller whose locks are read back.
/// </summary>
public sealed class RevocationRelockSpecs : IAsyncLifetime
{
    private readonly SqliteTestDatabase _database = new();
    private HardwareRig _rig = null!;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        _rig = await HardwareRig.StartAsync(_database);
    }

    public async Task DisposeAsync()
    {
        await _rig.DisposeAsync();
        await _database.DisposeAsync();
    }

    private string Slot(int slot) => $"{_rig.CabinetId}/{slot}";

    private async Task RemoteRelease(string person, byte slot)
    {
        await (await _rig.Admin.Post($"/api/v1/cabinets/{_rig.CabinetId}/slots/{slot}/remote-release",
            new { personId = person, reason = "night shift" })).Read<JsonElement>(HttpStatusCode.OK);
        await _rig.Cabinet.WhenUnlocked(slot, HardwareRig.Within());
    }

    private async Task Revoke(string person) =>
        await (await _rig.Admin.Post($"/api/v1/people/{person}/revoke", new { status = "terminated", reason = "dismissed" }))
            .Read<JsonElement>(HttpStatusCode.OK);

    private Task<JsonElement> Custody(int slot) => _rig.Get<JsonElement>($"/api/v1/cabinets/{_rig.CabinetId}/slots/{slot}");

    private async Task<JsonElement> Relock(string person, int slot) =>
        (await _rig.Get<JsonElement>($"/api/v1/people/{person}/revocation")).GetProperty("relocks").EnumerateArray()
        .Single(r => r.GetProperty("slot").GetString() == Slot(slot));

    [Fact]
    public async Task A_revoked_person_cannot_take_a_key_released_to_them()
    {
        await _rig.Person("mallory");
        await RemoteRelease("mallory", 3);

        await Revoke("mallory");

        // Answered: the slot is locked on record already, and its relock is under way or done.
        Assert.Equal("inSlot", (await Custody(3)).GetProperty("status").GetString());
        Assert.Contains((await Relock("mallory", 3)).GetProperty("state").GetString(), new[] { "pending", "relocked" });
        await _rig.Cabinet.WaitUntilAsync(c => !c.Slot(3).IsUnlocked, HardwareRig.Within());
        Assert.False(_rig.Cabinet.TakeKey(3), "the slot's lock is closed at the cabinet");
        await Eventually.Holds(async () =>
        {
            var progress = await _rig.Get<JsonElement>("/api/v1/people/mallory/revocation");
            Assert.Equal("relocked", (await Relock("mallory", 3)).GetProperty("state").GetString());
            Assert.True(progress.GetProperty("complete").GetBoolean(), progress.ToString());
        });
    }

    [Fact]
    public async Task A_key_taken_under_a_release_the_revocation_voided_raises_a_security_alarm_and_the_controller_relocks_when_back()
    {
        await _rig.Person("mallory");
        await RemoteRelease("mallory", 2);
        _rig.Relay.Cut();

        await Revoke("mallory");
        Assert.Equal("inSlot", (await Custody(2)).GetProperty("status").GetString());
        Assert.Equal("pending", (await Relock("mallory", 2)).GetProperty("state").GetString());

        // The controller has not heard of it: the key still comes out, into the hand of someone no longer entitled to it.
        Assert.True(_rig.Cabinet.TakeKey(2));
        _rig.Relay.Resume();

        await _rig.Cabinet.WaitUntilAsync(c => !c.Slot(2).IsUnlocked, HardwareRig.Within());
        await Eventually.Holds(async () =>
        {
            var alarm = Assert.Single((await _rig.Get<JsonElement>($"/api/v1/alarms?cabinetId={_rig.CabinetId}&kind=keyTakenByRevokedPerson"))
                .GetProperty("items").EnumerateArray());
            Assert.Equal(("mallory", 2), (alarm.GetProperty("personId").GetString(), alarm.GetProperty("slot").GetInt32()));
        }, TimeSpan.FromSeconds(20));
        var custody = await Custody(2);
        Assert.Equal(("out", "mallory"), (custody.GetProperty("status").GetString(), custody.GetProperty("holder").GetString()));
        await Eventually.Holds(async () =>
        {
            var progress = await _rig.Get<JsonElement>("/api/v1/people/mallory/revocation");
            Assert.Equal([Slot(2)], progress.GetProperty("keysHeld").EnumerateArray().Select(k => k.GetString()));
            Assert.Equal("keyTaken", (await Relock("mallory", 2)).GetProperty("state").GetString());
        });
    }
}
