using Akka.Actor;
using Akka.Persistence.Query;
using Akka.Persistence.Sql.Query;
using Akka.Streams;
using Akka.Streams.Dsl;
using FleetKeys.Cluster.Persistence;
using FleetKeys.Cluster.Cabinets;
using FleetKeys.Cluster.Entities;
using FleetKeys.Cluster.KeySlots;
using FleetKeys.Cluster.People;
using FleetKeys.Cluster.Tests.Support;
using FleetKeys.Testing;
using FleetKeys.Domain;
using FleetKeys.Domain.Cabinets;
using FleetKeys.Domain.Ids;
using FleetKeys.Domain.KeySlots;
using FleetKeys.Domain.People;
using Microsoft.Extensions.Time.Testing;

namespace FleetKeys.Cluster.Tests;

/// <summary>
/// The take flow across cabinet, person and key slot entities on a real node and a real database.
/// Each database gets a subclass below, so the same specifications run on SQLite and on PostgreSQL.
/// </summary>
public abstract class TakeFlowSpecs<TDatabase>() : NodeSpecs<TDatabase>(new EntitySettings { SnapshotEvery = 5 })
    where TDatabase : TestDatabase, new()
{
    private async Task<UnlockSlot> Release(CabinetId cabinet, BadgeNumber badge, int slot)
    {
        var access = await AtCabinet<AccessGranted>(new PresentBadge(cabinet, badge, null, Now));
        return await AtCabinet<UnlockSlot>(new SelectKey(cabinet, access.Session, slot, Now));
    }

    private async Task Take(CabinetId cabinet, BadgeNumber badge, int slot)
    {
        await Release(cabinet, badge, slot);
        await AtCabinet<SlotEventRecorded>(new ReportTagRemoved(cabinet, slot, Fleet.TagOf(cabinet, slot), Now));
    }

    [Fact]
    public async Task A_badge_a_release_a_take_and_a_return_are_persisted_as_custody()
    {
        var cabinet = await Fleet.Cabinet();
        var (person, badge) = await Fleet.Person();
        var slot = new SlotId(cabinet, 2);

        var unlock = await Release(cabinet, badge, 2);
        Assert.Equal(2, unlock.Slot);
        Assert.Equal(Now + new EntitySettings().ReleaseWindow, unlock.Until);

        Clock.Advance(TimeSpan.FromSeconds(5));
        await AtCabinet<SlotEventRecorded>(new ReportTagRemoved(cabinet, 2, Fleet.TagOf(cabinet, 2), Now));
        var custody = Fleet.Must(await Node.Admin.GetCustody(slot));
        Assert.Equal(CustodyStatus.Out, custody.Status);
        Assert.Equal(person, custody.Holder);
        Assert.Equal(Now + TimeSpan.FromHours(8), custody.DueAt);
        await Eventually.Holds(async () => Assert.Contains(slot, Fleet.Must(await Node.Admin.GetPerson(person)).Held));
        await Eventually.Holds(async () => Assert.Equal(person, Fleet.Must(await Node.Admin.GetCabinet(cabinet)).Summary[2].Holder));

        Clock.Advance(TimeSpan.FromHours(1));
        await AtCabinet<AccessGranted>(new PresentBadge(cabinet, badge, null, Now));
        await AtCabinet<SlotEventRecorded>(new ReportTagInserted(cabinet, 2, Fleet.TagOf(cabinet, 2), Now));
        Assert.Equal(CustodyStatus.InSlot, Fleet.Must(await Node.Admin.GetCustody(slot)).Status);
        await Eventually.Holds(async () => Assert.Empty(Fleet.Must(await Node.Admin.GetPerson(person)).Held));

        var history = await Node.History.EventsOf($"keyslot-{slot}");
        Assert.Collection(history.Select(e => e.Event),
            e => Assert.IsType<KeyAssigned>(e),
            e => Assert.IsType<KeyReleased>(e),
            e => Assert.IsType<KeyTaken>(e),
            e => Assert.True(e is KeyReturned { ByHolder: true, WasOverdue: false }, $"expected a return by the holder, got {e}"));
    }

    [Fact]
    public async Task Events_are_tagged_for_the_read_side_projections()
    {
        var cabinet = await Fleet.Cabinet(slots: 1);
        var (person, badge) = await Fleet.Person();
        await Take(cabinet, badge, 1);

        var journal = PersistenceQuery.Get(Node.System).ReadJournalFor<SqlReadJournal>(SqlReadJournal.Identifier);
        async Task<List<EventEnvelope>> Tagged(string tag) => [.. await journal.CurrentEventsByTag(tag, Offset.NoOffset())
            .RunWith(Sink.Seq<EventEnvelope>(), Node.System.Materializer())];

        Assert.Contains(await Tagged(EventTagger.Custody), e => e.Event is KeyTaken t && t.Slot == new SlotId(cabinet, 1));
        // The person learns of the take by notification, so its event may land a moment later.
        await Eventually.Holds(async () => Assert.Contains(await Tagged(EventTagger.People), e => e.Event is KeyPickedUp p && p.Person == person));
        Assert.Contains(await Tagged(EventTagger.Cabinets), e => e.Event is TagLeftSlot l && l.Cabinet == cabinet);
    }

    [Fact]
    public async Task A_numbered_hardware_event_sent_again_is_applied_once()
    {
        var cabinet = await Fleet.Cabinet(slots: 1);
        var (_, badge) = await Fleet.Person();
        await Release(cabinet, badge, 1);
        var tag = Fleet.TagOf(cabinet, 1);
        var removed = new ReportTagRemoved(cabinet, 1, tag, Now, new HardwareEventRef(3, 5));
        var inserted = new ReportTagInserted(cabinet, 1, tag, Now, new HardwareEventRef(3, 6));

        // The controller re-sends what it has not seen acknowledged, in any of these orders after a cut.
        foreach (var report in new CabinetCommand[] { removed, removed, inserted, removed, inserted })
            await AtCabinet<SlotEventRecorded>(report);

        var history = (await Node.History.EventsOf($"keyslot-{cabinet}/1")).Select(e => e.Event).ToList();
        Assert.Single(history.OfType<KeyTaken>());
        Assert.Single(history.OfType<KeyReturned>());
        Assert.DoesNotContain(history, e => e is KeyForciblyRemoved);
        Assert.Equal(CustodyStatus.InSlot, Fleet.Must(await Node.Admin.GetCustody(new SlotId(cabinet, 1))).Status);
    }

    [Fact]
    public async Task Denied_badges_are_answered_with_the_reason_and_recorded_at_the_cabinet()
    {
        var cabinet = await Fleet.Cabinet(requiresPin: true);
        var (_, badge) = await Fleet.Person(pin: "4711");

        var unknown = await AtCabinet<Rejection>(new PresentBadge(cabinet, new BadgeNumber("nobody"), "4711", Now));
        var wrongPin = await AtCabinet<Rejection>(new PresentBadge(cabinet, badge, "1234", Now));
        var noPin = await AtCabinet<Rejection>(new PresentBadge(cabinet, badge, null, Now));
        await AtCabinet<AccessGranted>(new PresentBadge(cabinet, badge, "4711", Now));

        Assert.Equal(RejectionCode.UnknownBadge, unknown.Code);
        Assert.Equal(RejectionCode.WrongPin, wrongPin.Code);
        Assert.Equal(RejectionCode.PinRequired, noPin.Code);
        var denials = (await Node.History.EventsOf($"cabinet-{cabinet}")).Select(e => e.Event).OfType<AccessDenied>().ToList();
        Assert.Equal([RejectionCode.UnknownBadge, RejectionCode.WrongPin, RejectionCode.PinRequired], denials.Select(d => d.Reason));
    }

    [Fact]
    public async Task Two_people_reaching_for_one_key_at_the_same_moment_exactly_one_gets_it()
    {
        var cabinet = await Fleet.Cabinet(slots: 8);
        var people = new[] { await Fleet.Person(), await Fleet.Person(), await Fleet.Person() };
        var sessions = new List<SessionId>();
        foreach (var (_, badge) in people)
            sessions.Add((await AtCabinet<AccessGranted>(new PresentBadge(cabinet, badge, null, Now))).Session);

        for (var slot = 1; slot <= 8; slot++)
        {
            var attempts = sessions.Select(s => Node.Region<CabinetRegion>().Ask<object>(new SelectKey(cabinet, s, slot, Now), TimeSpan.FromSeconds(15)));
            var answers = await Task.WhenAll(attempts);
            Assert.Single(answers.OfType<UnlockSlot>());
            Assert.All(answers.OfType<Rejection>(), r => Assert.Equal(RejectionCode.KeyNotAvailable, r.Code));
            // Release the slot again so the next round starts from keys in their slots, and free the winners' limits.
            Clock.Advance(new EntitySettings().ReleaseWindow + TimeSpan.FromSeconds(1));
            sessions.Clear();
            foreach (var (_, badge) in people)
                sessions.Add((await AtCabinet<AccessGranted>(new PresentBadge(cabinet, badge, null, Now))).Session);
        }
    }

    [Fact]
    public async Task A_limit_counts_grants_still_waiting_for_removal()
    {
        var cabinet = await Fleet.Cabinet();
        var (_, badge) = await Fleet.Person(maxKeys: 2);
        await Take(cabinet, badge, 1);
        await Release(cabinet, badge, 2);

        var access = await AtCabinet<AccessGranted>(new PresentBadge(cabinet, badge, null, Now));
        var third = await AtCabinet<Rejection>(new SelectKey(cabinet, access.Session, 3, Now));

        Assert.Equal(0, access.RemainingCapacity);
        Assert.Equal(RejectionCode.LimitReached, third.Code);
    }

    [Fact]
    public async Task A_key_put_into_the_wrong_slot_is_back_where_it_sits_and_the_user_is_guided_home()
    {
        var cabinet = await Fleet.Cabinet();
        var (person, badge) = await Fleet.Person();
        await Take(cabinet, badge, 1);
        await Take(cabinet, badge, 3);
        await AtCabinet<AccessGranted>(new PresentBadge(cabinet, badge, null, Now));

        var ack = await AtCabinet<SlotEventRecorded>(new ReportTagInserted(cabinet, 3, Fleet.TagOf(cabinet, 1), Now));

        Assert.Equal(1, ack.GuideToSlot);
        var custody = Fleet.Must(await Node.Admin.GetCustody(new SlotId(cabinet, 1)));
        Assert.Equal((CustodyStatus.InSlot, (PersonId?)null, (SlotId?)new SlotId(cabinet, 3)), (custody.Status, custody.Holder, custody.PlacedIn));
        await Eventually.Holds(async () => Assert.Equal([new SlotId(cabinet, 3)], Fleet.Must(await Node.Admin.GetPerson(person)).Held));
        var wrong = (await Node.History.EventsOf($"cabinet-{cabinet}")).Select(e => e.Event).OfType<WrongSlotReturn>().Single();
        Assert.Equal((3, 1, person), (wrong.Slot, wrong.HomeSlot, wrong.ReturnedBy));
        var returned = (await Node.History.EventsOf($"keyslot-{cabinet}/1")).Select(e => e.Event).OfType<KeyReturned>().Single();
        Assert.Equal((person, person, (SlotId?)new SlotId(cabinet, 3)), (returned.Holder, returned.ReturnedBy, returned.PlacedIn));
    }

    [Fact]
    public async Task A_misplaced_key_is_released_from_the_slot_it_sits_in_and_its_removal_from_there_is_a_take()
    {
        var cabinet = await Fleet.Cabinet();
        var (_, alice) = await Fleet.Person();
        var (bob, bobsBadge) = await Fleet.Person();
        await Take(cabinet, alice, 1);
        await Take(cabinet, alice, 3);
        await AtCabinet<SlotEventRecorded>(new ReportTagInserted(cabinet, 3, Fleet.TagOf(cabinet, 1), Now));

        var unlock = await Release(cabinet, bobsBadge, 1);
        await AtCabinet<SlotEventRecorded>(new ReportTagRemoved(cabinet, 3, Fleet.TagOf(cabinet, 1), Now));

        Assert.Equal(3, unlock.Slot);
        var custody = Fleet.Must(await Node.Admin.GetCustody(new SlotId(cabinet, 1)));
        Assert.Equal((CustodyStatus.Out, (PersonId?)bob, (SlotId?)null), (custody.Status, custody.Holder, custody.PlacedIn));
    }

    [Fact]
    public async Task A_key_put_into_a_cabinet_of_its_return_group_is_back_there_and_released_only_from_the_slot_it_sits_in()
    {
        var group = Fleet.Unique("north");
        var home = await Fleet.Cabinet(policy: new CustodyPolicy(TimeSpan.FromHours(8), null) { Return = ReturnRule.ReturnGroup, ReturnGroup = group });
        var depot = await Fleet.Cabinet();
        var outside = await Fleet.Cabinet();
        Fleet.Must(await Node.Admin.SetReturnGroups(depot, [group], "admin"));
        var (_, alicesBadge) = await Fleet.Person();
        var (bob, bobsBadge) = await Fleet.Person();
        await Take(home, alicesBadge, 1);
        await Take(home, alicesBadge, 2);
        var key = Fleet.TagOf(home, 1);

        var ack = await AtCabinet<SlotEventRecorded>(new ReportTagInserted(depot, 4, key, Now));
        await AtCabinet<SlotEventRecorded>(new ReportTagInserted(outside, 4, Fleet.TagOf(home, 2), Now));

        Assert.Null(ack.GuideToSlot);
        var custody = Fleet.Must(await Node.Admin.GetCustody(new SlotId(home, 1)));
        Assert.Equal((CustodyStatus.InSlot, (SlotId?)new SlotId(depot, 4)), (custody.Status, custody.PlacedIn));
        Assert.Equal(CustodyStatus.InSlot, Fleet.Must(await Node.Admin.GetCustody(new SlotId(home, 2))).Status);
        Assert.Empty((await Node.History.EventsOf($"cabinet-{depot}")).Select(e => e.Event).OfType<WrongSlotReturn>());
        Assert.Null(Assert.Single((await Node.History.EventsOf($"cabinet-{outside}")).Select(e => e.Event).OfType<WrongSlotReturn>()).HomeSlot);

        var atHome = await AtCabinet<AccessGranted>(new PresentBadge(home, bobsBadge, null, Now));
        var refused = await AtCabinet<Rejection>(new SelectKey(home, atHome.Session, 1, Now));
        var unlock = await Release(depot, bobsBadge, 4);
        await AtCabinet<SlotEventRecorded>(new ReportTagRemoved(depot, 4, key, Now));

        Assert.Equal(RejectionCode.KeyNotAvailable, refused.Code);
        Assert.Equal((depot, 4), (unlock.Cabinet, unlock.Slot));
        var taken = Fleet.Must(await Node.Admin.GetCustody(new SlotId(home, 1)));
        Assert.Equal((CustodyStatus.Out, (PersonId?)bob, (SlotId?)null), (taken.Status, taken.Holder, taken.PlacedIn));
    }

    [Fact]
    public async Task A_tag_leaving_without_a_release_is_a_forced_removal()
    {
        var cabinet = await Fleet.Cabinet();

        await AtCabinet<SlotEventRecorded>(new ReportTagRemoved(cabinet, 4, Fleet.TagOf(cabinet, 4), Now));

        var custody = Fleet.Must(await Node.Admin.GetCustody(new SlotId(cabinet, 4)));
        Assert.Equal(CustodyStatus.Missing, custody.Status);
        Assert.Contains((await Node.History.EventsOf($"keyslot-{cabinet}/4")).Select(e => e.Event), e => e is KeyForciblyRemoved);
    }

    [Fact]
    public async Task A_session_open_when_the_person_is_terminated_gets_no_grant_and_is_closed()
    {
        var cabinet = await Fleet.Cabinet();
        var (person, badge) = await Fleet.Person();
        await Take(cabinet, badge, 1);
        var access = await AtCabinet<AccessGranted>(new PresentBadge(cabinet, badge, null, Now));

        var revoked = Fleet.Must(await Node.Admin.Revoke(person, PersonStatus.Terminated, "left the company"));
        var attempt = await AtCabinet<Rejection>(new SelectKey(cabinet, access.Session, 2, Now));
        var again = await AtCabinet<Rejection>(new PresentBadge(cabinet, badge, null, Now));

        Assert.Equal(PersonStatus.Terminated, revoked.Status);
        Assert.Contains(attempt.Code, new[] { RejectionCode.NotActive, RejectionCode.SessionNotOpen });
        Assert.Equal(RejectionCode.NotActive, again.Code);
        await Eventually.Holds(async () => Assert.Contains(
            (await Node.History.EventsOf($"cabinet-{cabinet}")).Select(e => e.Event).OfType<CabinetSessionClosed>(), e => e.Session == access.Session));
        var revocation = (await Node.History.EventsOf($"person-{person}")).Select(e => e.Event).OfType<PersonRevoked>().Single();
        Assert.Equal([new SlotId(cabinet, 1)], revocation.KeysHeld);
    }

    [Fact]
    public async Task No_grant_is_issued_after_an_acknowledged_revocation_however_many_cabinets_try_at_once()
    {
        var cabinets = new List<CabinetId>();
        for (var i = 0; i < 6; i++) cabinets.Add(await Fleet.Cabinet(slots: 4));
        var (person, badge) = await Fleet.Person(maxKeys: 100);
        var sessions = new List<(CabinetId Cabinet, SessionId Session)>();
        foreach (var cabinet in cabinets)
            sessions.Add((cabinet, (await AtCabinet<AccessGranted>(new PresentBadge(cabinet, badge, null, Now))).Session));

        var attempts = sessions.SelectMany(s => Enumerable.Range(1, 4).Select(slot => (s.Cabinet, s.Session, slot)))
            .Select(async a =>
            {
                await Task.Yield();
                return await Node.Region<CabinetRegion>().Ask<object>(new SelectKey(a.Cabinet, a.Session, a.slot, Now), TimeSpan.FromSeconds(15));
            }).ToList();
        var revoked = Fleet.Must(await Node.Admin.Revoke(person, PersonStatus.Terminated, "dismissed"));
        var after = await Task.WhenAll(sessions.Select(s => AtCabinet<Rejection>(new SelectKey(s.Cabinet, s.Session, 1, Now))));
        await Task.WhenAll(attempts);

        Assert.Equal(PersonStatus.Terminated, revoked.Status);
        Assert.All(after, r => Assert.Contains(r.Code, new[] { RejectionCode.NotActive, RejectionCode.SessionNotOpen, RejectionCode.KeyNotAvailable }));
        var journal = (await Node.History.EventsOf($"person-{person}")).ToList();
        var revokedAt = journal.Single(e => e.Event is PersonRevoked).SequenceNr;
        Assert.DoesNotContain(journal, e => e.Event is GrantIssued && e.SequenceNr > revokedAt);
    }

    [Fact]
    public async Task A_revocation_is_answered_with_the_slot_released_to_the_person_locked_again()
    {
        var cabinet = await Fleet.Cabinet();
        var (person, badge) = await Fleet.Person();
        var unlock = await Release(cabinet, badge, 1);

        Fleet.Must(await Node.Admin.Revoke(person, PersonStatus.Terminated, "dismissed"));

        var slot = new SlotId(cabinet, 1);
        Assert.Equal(CustodyStatus.InSlot, Fleet.Must(await Node.Admin.GetCustody(slot)).Status);
        var voided = (await Node.History.EventsOf($"keyslot-{slot}")).Select(e => e.Event).OfType<ReleaseVoided>().Single();
        Assert.Equal((unlock.Grant, person), (voided.Grant, voided.Person));
        // No driver runs on this node, so no controller confirms the lock: it is pending, and says so.
        var relock = Fleet.Must(await Node.Admin.GetPerson(person)).Revocation!.Relocks[slot];
        Assert.Equal((unlock.Grant, RelockState.Pending), (relock.Grant, relock.State));
    }

    [Fact]
    public async Task A_key_taken_under_a_release_the_revocation_voided_is_the_persons_and_raises_the_alarm()
    {
        var cabinet = await Fleet.Cabinet();
        var (person, badge) = await Fleet.Person();
        var unlock = await Release(cabinet, badge, 1);
        Fleet.Must(await Node.Admin.Revoke(person, PersonStatus.Terminated, "dismissed"));

        // The key was already in the hand: the controller reports it leaving after the revocation was answered.
        await AtCabinet<SlotEventRecorded>(new ReportTagRemoved(cabinet, 1, Fleet.TagOf(cabinet, 1), Now));

        var slot = new SlotId(cabinet, 1);
        var custody = Fleet.Must(await Node.Admin.GetCustody(slot));
        Assert.Equal((CustodyStatus.Out, person), (custody.Status, custody.Holder));
        var alarm = (await Node.History.EventsOf($"keyslot-{slot}")).Select(e => e.Event).OfType<KeyTakenUnderVoidedGrant>().Single();
        Assert.Equal((unlock.Grant, person), (alarm.Grant, alarm.Person));
        Assert.Equal(Domain.Alarms.AlarmKind.KeyTakenByRevokedPerson, Domain.Alarms.AlarmSources.Raises(alarm));
        await Eventually.Holds(async () =>
        {
            var state = Fleet.Must(await Node.Admin.GetPerson(person));
            Assert.Contains(slot, state.Held);
            Assert.Equal(RelockState.KeyTaken, state.Revocation!.Relocks[slot].State);
        });
    }

    [Fact]
    public async Task A_key_taken_before_a_restart_is_still_out_after_it_with_its_history()
    {
        var cabinet = await Fleet.Cabinet();
        var (person, badge) = await Fleet.Person(maxKeys: 10);
        // Enough events for snapshots (every 5) to be written, so recovery uses snapshot plus newer events.
        for (var round = 0; round < 3; round++)
        {
            await Take(cabinet, badge, 1);
            await AtCabinet<AccessGranted>(new PresentBadge(cabinet, badge, null, Now));
            await AtCabinet<SlotEventRecorded>(new ReportTagInserted(cabinet, 1, Fleet.TagOf(cabinet, 1), Now));
        }

        await Take(cabinet, badge, 1);
        var before = Fleet.Must(await Node.Admin.GetCustody(new SlotId(cabinet, 1)));
        await RestartNode();

        var after = Fleet.Must(await Node.Admin.GetCustody(new SlotId(cabinet, 1)));
        Assert.Equal(before, after);
        Assert.Equal(CustodyStatus.Out, after.Status);
        Assert.Equal(person, after.Holder);
        var history = await Node.History.EventsOf($"keyslot-{cabinet}/1");
        Assert.Equal(4, history.Count(e => e.Event is KeyTaken));
        Assert.Equal(3, history.Count(e => e.Event is KeyReturned));
        Assert.Contains(new SlotId(cabinet, 1), Fleet.Must(await Node.Admin.GetPerson(person)).Held);
    }
}

public sealed class SqliteTakeFlowSpecs : TakeFlowSpecs<SqliteTestDatabase>;

public sealed class PostgresTakeFlowSpecs : TakeFlowSpecs<PostgresTestDatabase>;
