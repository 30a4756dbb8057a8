using System.Globalization;
using System.Net;
using System.Text.Json;
using FleetKeys.Domain.People;
using FleetKeys.Domain.Time;
using FleetKeys.Simulator;
using FleetKeys.Simulator.Activity;
using FleetKeys.Simulator.Fleet;
using FleetKeys.Testing;

namespace FleetKeys.Node.Tests.EndToEnd;

/// <summary>Custody policies configured over the API and enforced at a simulated cabinet over TCP.</summary>
public abstract class PolicyEndToEndSpecs<TDatabase>(NodeFixture<TDatabase> fixture) : RigSpecs<TDatabase>(fixture) where TDatabase : TestDatabase, new()
{
    /// <summary>A second cabinet on the same controller, for a key returned to another cabinet of its return group.</summary>
    protected override Task<HardwareRig> StartRig(NodeApp node) => HardwareRig.StartOn(node, layout: new FleetLayout(1, 2, 6));

    private SimulatedCabinet Depot => Rig.Controller.Cabinets[1];

    /// <summary>Re-assigns the slot's own key (same tag) with the given policy.</summary>
    private async Task<JsonElement> AssignPolicy(
        int slot, bool returnFirst = false, int? dualAuthorisationSeconds = null, string? returnTo = null, string? returnGroup = null,
        string? approvalBy = null) =>
        await (await Rig.Admin.Put($"/api/v1/cabinets/{Rig.CabinetId}/slots/{slot}/key", new
        {
            keyId = $"{Rig.CabinetId}-k{slot:D2}", name = $"Key {slot}", group = "general", tagId = Cabinet.Slot((byte)slot).HomeTag.ToHex(),
            returnFirst, dualAuthorisationSeconds, returnTo, returnGroup, approvalBy,
        })).Read<JsonElement>(HttpStatusCode.OK);

    private async Task AtDepot(SimulatedPerson person, byte slot)
    {
        Depot.PresentBadge(person.Badge);
        await Depot.WhenText(t => t.StartsWith("Welcome"), HardwareRig.Within());
        Depot.SelectKey(slot);
        await Depot.WhenUnlocked(slot, HardwareRig.Within());
        Assert.True(Depot.TakeKey(slot));
        await Depot.WhenAllEventsAcknowledged(HardwareRig.Within());
    }

    private async Task Badge(SimulatedPerson person)
    {
        Cabinet.PresentBadge(person.Badge);
        await Cabinet.WhenText(t => t.StartsWith("Welcome"), HardwareRig.Within());
    }

    [Fact]
    public async Task A_two_person_key_is_released_only_when_a_second_person_badges_and_both_are_recorded()
    {
        await AssignPolicy(3, dualAuthorisationSeconds: 60);
        await AssignPolicy(4, returnFirst: true);
        var alice = await Rig.Person("alice");
        var bob = await Rig.Person("bob");
        // A controller cut off from the cluster could not keep the rule: its allow-list leaves the two-person key out.
        await Cabinet.WaitUntilAsync(c => c.AllowList.Entries.Values.Any(e => e.PersonId == alice.PersonId && e.Slots.Contains(2) && !e.Slots.Contains(3)),
            HardwareRig.Within());

        await Badge(alice);
        Cabinet.SelectKey(3);
        await Cabinet.WhenText(t => t == "Second person: badge now", HardwareRig.Within());
        var lockedWhileAlone = Cabinet.Slot(3).IsUnlocked;
        Cabinet.PresentBadge(bob.Badge);
        await Cabinet.WhenUnlocked(3, HardwareRig.Within());
        Assert.True(Cabinet.TakeKey(3));
        await Cabinet.WhenAllEventsAcknowledged(HardwareRig.Within());

        // Holding the two-person key, Alice may not take the return-first key.
        await Badge(alice);
        Cabinet.SelectKey(4);
        await Cabinet.WhenText(t => t == "Return your key first", HardwareRig.Within());

        var custody = await Rig.Get<JsonElement>($"/api/v1/cabinets/{Rig.CabinetId}/slots/3");
        var history = await Rig.Get<JsonElement>($"/api/v1/cabinets/{Rig.CabinetId}/slots/3/history");
        var taken = history.EnumerateArray().Single(e => e.GetProperty("type").GetString() == "keyslot.taken.v1").GetProperty("event");
        Assert.False(lockedWhileAlone);
        Assert.Equal(("out", alice.PersonId), (custody.GetProperty("status").GetString(), custody.GetProperty("holder").GetString()));
        Assert.Equal((alice.PersonId, bob.PersonId), (taken.GetProperty("person").GetString(), taken.GetProperty("authoriser").GetString()));
        Assert.False(Cabinet.Slot(4).IsUnlocked);
    }

    [Fact]
    public async Task A_key_needing_approval_is_refused_with_a_request_filed_and_released_once_the_request_is_approved()
    {
        await AssignPolicy(3, approvalBy: "security");
        var alice = await Rig.Person("alice");
        // Offline the controller cannot see approvals: its allow-list leaves the key out.
        await Cabinet.WaitUntilAsync(c => c.AllowList.Entries.Values.Any(e => e.PersonId == alice.PersonId && e.Slots.Contains(2) && !e.Slots.Contains(3)),
            HardwareRig.Within());

        await Badge(alice);
        Cabinet.SelectKey(3);
        await Cabinet.WhenText(t => t == "Request filed: await approval", HardwareRig.Within());
        Assert.False(Cabinet.Slot(3).IsUnlocked);
        JsonElement request = default;
        await Eventually.Holds(async () => request = Assert.Single(
            (await Rig.Get<JsonElement>($"/api/v1/approval-requests?personId={alice.PersonId}&status=pending")).GetProperty("items").EnumerateArray()));
        Assert.Equal(($"cabinet {Rig.CabinetId}", "security"), (request.GetProperty("filedBy").GetString(), request.GetProperty("approver").GetString()));
        await ActiveAlarms("approvalRequested", 1);

        var ops = Rig.Node.Client(NodeApp.OperatorKey);
        await (await ops.Post($"/api/v1/approval-requests/{request.GetProperty("id").GetString()}/approve", new { note = "vault check" }))
            .Read<JsonElement>(HttpStatusCode.OK);
        await Badge(alice);
        Cabinet.SelectKey(3);
        await Cabinet.WhenUnlocked(3, HardwareRig.Within());
        Assert.True(Cabinet.TakeKey(3));
        await Cabinet.WhenAllEventsAcknowledged(HardwareRig.Within());

        await Eventually.Holds(async () => Assert.Equal("redeemed",
            (await Rig.Get<JsonElement>($"/api/v1/approval-requests/{request.GetProperty("id").GetString()}")).GetProperty("status").GetString()));
        await ActiveAlarms("approvalRequested", 0);
        var custody = await Rig.Get<JsonElement>($"/api/v1/cabinets/{Rig.CabinetId}/slots/3");
        Assert.Equal(("out", alice.PersonId), (custody.GetProperty("status").GetString(), custody.GetProperty("holder").GetString()));
    }

    [Fact]
    public async Task A_layout_change_rewrites_a_listed_persons_entry_without_ever_leaving_the_cabinet_without_it()
    {
        var alice = await Rig.Person("alice");
        await Cabinet.WaitUntilAsync(c => c.AllowList.Entries.Values.Any(e => e.PersonId == alice.PersonId && e.Slots.Contains(3)), HardwareRig.Within());
        using var watching = new CancellationTokenSource();
        // Checked after every change the cabinet applies: a link cut at that moment would turn Alice away offline.
        var dropped = Cabinet.WaitUntilAsync(c => !c.AllowList.Entries.Values.Any(e => e.PersonId == alice.PersonId), watching.Token);

        await AssignPolicy(3, dualAuthorisationSeconds: 60);
        await Cabinet.WaitUntilAsync(c => c.AllowList.Entries.Values.Any(e => e.PersonId == alice.PersonId && !e.Slots.Contains(3) && e.Slots.Contains(2)),
            HardwareRig.Within());

        Assert.False(dropped.IsCompleted, $"alice's entry left the cabinet's list (v{Cabinet.AllowList.Version}) while the layout changed");
        await watching.CancelAsync();
        Assert.Equal(alice.PersonId, Cabinet.AllowList.Entries[alice.Badge].PersonId);
    }

    /// <summary>The alarms projection catches up asynchronously, and on a node's first spec it may still be starting.</summary>
    private async Task<JsonElement> ActiveAlarms(string kind, int count)
    {
        JsonElement items = default;
        await Eventually.Holds(async () =>
        {
            items = (await Rig.Get<JsonElement>($"/api/v1/alarms?cabinetId={Rig.CabinetId}&kind={kind}&state=active")).GetProperty("items");
            Assert.Equal(count, items.GetArrayLength());
        }, TimeSpan.FromSeconds(30));
        return items;
    }

    [Fact]
    public async Task A_reserved_key_goes_only_to_its_booker_and_a_booking_that_starts_with_the_key_out_raises_an_alarm()
    {
        var ops = Rig.Node.Client(NodeApp.OperatorKey);
        var alice = await Rig.Person("alice");
        var bob = await Rig.Person("bob");
        var now = DateTimeOffset.UtcNow;

        // Alice holds key 5 when Bob books it from now: the booking starts with the key out, and Bob is told by an alarm.
        await Rig.Release(alice, 5);
        Assert.True(Cabinet.TakeKey(5));
        await Cabinet.WhenAllEventsAcknowledged(HardwareRig.Within());
        var booked = await (await ops.Post($"/api/v1/cabinets/{Rig.CabinetId}/slots/2/reservations",
            new { personId = bob.PersonId, from = now.AddMinutes(10), until = now.AddHours(1), leadMinutes = 30 })).Read<JsonElement>(HttpStatusCode.Created);
        var second = await (await ops.Post($"/api/v1/cabinets/{Rig.CabinetId}/slots/5/reservations",
            new { personId = bob.PersonId, from = now, until = now.AddHours(1) })).Read<JsonElement>(HttpStatusCode.Created);
        var raised = await ActiveAlarms("reservedKeyUnavailable", 1);

        // Key 2 is within its booking's lead time: Alice may not take it, Bob may.
        await Badge(alice);
        Cabinet.SelectKey(2);
        await Cabinet.WhenText(t => t == "Key is reserved", HardwareRig.Within());
        var lockedForAlice = Cabinet.Slot(2).IsUnlocked;
        Assert.True(Cabinet.ReturnKey(5, Cabinet.Slot(5).HomeTag));
        await Cabinet.WhenAllEventsAcknowledged(HardwareRig.Within());
        await ActiveAlarms("reservedKeyUnavailable", 0);
        await Rig.Release(bob, 2);

        var listed = await Rig.Get<JsonElement>($"/api/v1/cabinets/{Rig.CabinetId}/slots/5/reservations");
        var cancelled = await ops.DeleteAsync($"/api/v1/cabinets/{Rig.CabinetId}/slots/5/reservations/{second.GetProperty("id").GetString()}");
        var afterCancel = await Rig.Get<JsonElement>($"/api/v1/cabinets/{Rig.CabinetId}/slots/5/reservations");

        Assert.False(lockedForAlice);
        Assert.Equal(bob.PersonId, booked.GetProperty("personId").GetString());
        Assert.Equal((bob.PersonId, 5), (raised[0].GetProperty("personId").GetString(), raised[0].GetProperty("slot").GetInt32()));
        Assert.True(listed[0].GetProperty("started").GetBoolean());
        Assert.Equal(HttpStatusCode.NoContent, cancelled.StatusCode);
        Assert.Equal(0, afterCancel.GetArrayLength());
    }

    [Fact]
    public async Task A_master_key_stays_while_a_key_of_its_interlock_group_is_out_and_the_reverse()
    {
        var ops = Rig.Node.Client(NodeApp.OperatorKey);
        var cabinet = await (await Rig.Admin.Put($"/api/v1/cabinets/{Rig.CabinetId}/interlocks/plant", new { masterSlot = 1, slots = new[] { 2, 3 } }))
            .Read<JsonElement>(HttpStatusCode.OK);
        var alice = await Rig.Person("alice");
        var bob = await Rig.Person("bob");

        await Rig.Release(alice, 2);
        Assert.True(Cabinet.TakeKey(2));
        await Cabinet.WhenAllEventsAcknowledged(HardwareRig.Within());
        await Badge(bob);
        Cabinet.SelectKey(1);
        await Cabinet.WhenText(t => t == "Key interlocked", HardwareRig.Within());
        var masterLocked = !Cabinet.Slot(1).IsUnlocked;
        var remote = await (await ops.Post($"/api/v1/cabinets/{Rig.CabinetId}/slots/1/remote-release", new { personId = bob.PersonId, reason = "boiler" }))
            .Read<JsonElement>(HttpStatusCode.UnprocessableEntity);

        Assert.True(Cabinet.ReturnKey(2, Cabinet.Slot(2).HomeTag));
        await Cabinet.WhenAllEventsAcknowledged(HardwareRig.Within());
        await Rig.Release(bob, 1);
        Assert.True(Cabinet.TakeKey(1));
        await Cabinet.WhenAllEventsAcknowledged(HardwareRig.Within());
        await Badge(alice);
        Cabinet.SelectKey(3);
        await Cabinet.WhenText(t => t == "Key interlocked", HardwareRig.Within());

        Assert.Equal("plant", cabinet.GetProperty("interlocks")[0].GetProperty("name").GetString());
        Assert.True(masterLocked);
        Assert.Equal("Interlocked", remote.GetProperty("code").GetString());
        Assert.False(Cabinet.Slot(3).IsUnlocked);
    }

    [Fact]
    public async Task A_key_put_into_another_slot_is_back_and_is_taken_again_from_where_it_sits()
    {
        var anywhere = await AssignPolicy(2, returnTo: "anySlotOfCabinet");
        var alice = await Rig.Person("alice");
        var bob = await Rig.Person("bob");
        await Rig.Release(alice, 2);
        Assert.True(Cabinet.TakeKey(2));
        await Rig.Release(alice, 3);
        Assert.True(Cabinet.TakeKey(3));
        await Cabinet.WhenAllEventsAcknowledged(HardwareRig.Within());

        // Key 3 returns home only: in slot 2 it is back all the same, and a wrong-slot return.
        Cabinet.PresentBadge(alice.Badge);
        await Cabinet.WhenText(t => t == "Limit reached: returns only", HardwareRig.Within());
        Assert.True(Cabinet.ReturnKey(2, Cabinet.Slot(3).HomeTag));
        await Cabinet.WhenText(t => t == "Wrong slot: use slot 3", HardwareRig.Within());
        await Cabinet.WhenAllEventsAcknowledged(HardwareRig.Within());
        // Key 2 may go anywhere in its cabinet: into slot 3, quietly.
        Assert.True(Cabinet.ReturnKey(3, Cabinet.Slot(2).HomeTag));
        await Cabinet.WhenAllEventsAcknowledged(HardwareRig.Within());
        var misplaced = await Rig.Get<JsonElement>($"/api/v1/cabinets/{Rig.CabinetId}/slots/3");
        var placedAnywhere = await Rig.Get<JsonElement>($"/api/v1/cabinets/{Rig.CabinetId}/slots/2");
        var raised = await ActiveAlarms("wrongSlotReturn", 1);
        // The read side catches up on its own: alice holds nothing once it has, and key 3's history says where it went.
        await Eventually.Holds(async () =>
            Assert.Equal(0, (await Rig.Get<JsonElement>($"/api/v1/people/{alice.PersonId}/custody")).GetProperty("items").GetArrayLength()), TimeSpan.FromSeconds(30));
        var history = (await Rig.Get<JsonElement>($"/api/v1/history?keyId={Rig.CabinetId}-k03")).GetProperty("items");
        var listed = (await Rig.Get<JsonElement>($"/api/v1/cabinets/{Rig.CabinetId}/custody")).GetProperty("items").EnumerateArray()
            .Single(k => k.GetProperty("slot").GetInt32() == 3);

        // Bob chooses key 3: the slot it sits in opens, and taking it from there is his take.
        await Badge(bob);
        Cabinet.SelectKey(3);
        await Cabinet.WhenUnlocked(2, HardwareRig.Within());
        Assert.True(Cabinet.TakeKey(2));
        await Cabinet.WhenAllEventsAcknowledged(HardwareRig.Within());
        var taken = await Rig.Get<JsonElement>($"/api/v1/cabinets/{Rig.CabinetId}/slots/3");
        await ActiveAlarms("wrongSlotReturn", 0);

        Assert.Equal("anySlotOfCabinet", anywhere.GetProperty("key").GetProperty("returnTo").GetString());
        Assert.Equal(("inSlot", JsonValueKind.Null, $"{Rig.CabinetId}/2"),
            (misplaced.GetProperty("status").GetString(), misplaced.GetProperty("holder").ValueKind, misplaced.GetProperty("placedIn").GetString()));
        Assert.Equal(("inSlot", $"{Rig.CabinetId}/3"), (placedAnywhere.GetProperty("status").GetString(), placedAnywhere.GetProperty("placedIn").GetString()));
        Assert.Equal((alice.PersonId, 2), (raised[0].GetProperty("personId").GetString(), raised[0].GetProperty("slot").GetInt32()));
        Assert.Equal(("inSlot", $"{Rig.CabinetId}/2"), (listed.GetProperty("status").GetString(), listed.GetProperty("placedIn").GetString()));
        var returned = history.EnumerateArray().Single(h => h.GetProperty("kind").GetString() == "returned");
        Assert.Equal((alice.PersonId, $"{Rig.CabinetId}/2"), (returned.GetProperty("personId").GetString(), returned.GetProperty("placedIn").GetString()));
        Assert.Equal(("out", bob.PersonId, JsonValueKind.Null),
            (taken.GetProperty("status").GetString(), taken.GetProperty("holder").GetString(), taken.GetProperty("placedIn").ValueKind));

        // Key 4 goes back to any cabinet of return group "north", which the depot (the second cabinet) belongs to: alice
        // takes it here, empties the depot's slot 6 and puts key 4 in there; it is back, and carol takes it from the depot.
        var grouped = await AssignPolicy(4, returnTo: "returnGroup", returnGroup: "north");
        var depot = await (await Rig.Admin.Put($"/api/v1/cabinets/{Depot.CabinetId}/return-groups", new { groups = new[] { "north" } }))
            .Read<JsonElement>(HttpStatusCode.OK);
        var carol = await Rig.Person("carol");
        await Rig.Release(alice, 4);
        Assert.True(Cabinet.TakeKey(4));
        await Cabinet.WhenAllEventsAcknowledged(HardwareRig.Within());
        await AtDepot(alice, 6);
        Assert.True(Depot.ReturnKey(6, Cabinet.Slot(4).HomeTag));
        await Depot.WhenAllEventsAcknowledged(HardwareRig.Within());
        var inDepot = await Rig.Get<JsonElement>($"/api/v1/cabinets/{Rig.CabinetId}/slots/4");
        await AtDepot(carol, 6);
        var carried = await Rig.Get<JsonElement>($"/api/v1/cabinets/{Rig.CabinetId}/slots/4");

        Assert.Equal("north", grouped.GetProperty("key").GetProperty("returnGroup").GetString());
        Assert.Equal("north", depot.GetProperty("returnGroups")[0].GetString());
        Assert.Equal(("inSlot", JsonValueKind.Null, $"{Depot.CabinetId}/6"),
            (inDepot.GetProperty("status").GetString(), inDepot.GetProperty("holder").ValueKind, inDepot.GetProperty("placedIn").GetString()));
        Assert.Equal(("out", carol.PersonId), (carried.GetProperty("status").GetString(), carried.GetProperty("holder").GetString()));
        await ActiveAlarms("wrongSlotReturn", 0);
    }

    [Fact]
    public async Task On_a_site_holiday_a_scheduled_entitlement_is_refused_at_the_cabinet()
    {
        var allDay = new Schedule([new WeeklyWindow(Enum.GetValues<DayOfWeek>(), new TimeOnly(0, 0), new TimeOnly(0, 0))]);
        var carol = await Rig.Person("carol", entitlements: [new Entitlement(null, Rig.Site, null, allDay)]);
        var today = DateOnly.FromDateTime(SiteTime.LocalTime(DateTimeOffset.UtcNow, SiteTime.Zone("Europe/Berlin")));
        var holidays = new[] { today.AddDays(-1), today, today.AddDays(1) }.Select(d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));

        await (await Rig.Admin.Put($"/api/v1/sites/{Rig.Site}/holidays", new { holidays })).Read<JsonElement>(HttpStatusCode.OK);
        Cabinet.PresentBadge(carol.Badge);
        await Cabinet.WhenText(t => t == "Not allowed at this time", HardwareRig.Within());

        await (await Rig.Admin.Put($"/api/v1/sites/{Rig.Site}/holidays", new { holidays = Array.Empty<string>() })).Read<JsonElement>(HttpStatusCode.OK);
        await Badge(carol);
    }
}

public sealed class SqlitePolicyEndToEndSpecs(NodeFixture<SqliteTestDatabase> fixture) : PolicyEndToEndSpecs<SqliteTestDatabase>(fixture);

public sealed class PostgresPolicyEndToEndSpecs(NodeFixture<PostgresTestDatabase> fixture) : PolicyEndToEndSpecs<PostgresTestDatabase>(fixture);
