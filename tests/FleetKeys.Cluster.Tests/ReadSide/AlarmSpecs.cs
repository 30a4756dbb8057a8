using FleetKeys.Cluster.Alarms;
using FleetKeys.Cluster.Cabinets;
using FleetKeys.Cluster.Controllers;
using FleetKeys.Cluster.Entities;
using FleetKeys.Cluster.KeySlots;
using FleetKeys.Cluster.Projections.ReadModels;
using FleetKeys.Cluster.Projections.Rows;
using FleetKeys.Cluster.Tests.Support;
using FleetKeys.Domain;
using FleetKeys.Domain.Alarms;
using FleetKeys.Domain.Cabinets;
using FleetKeys.Domain.Controllers;
using FleetKeys.Domain.Ids;
using FleetKeys.Domain.KeySlots;
using FleetKeys.Domain.People;
using FleetKeys.Testing;

namespace FleetKeys.Cluster.Tests.ReadSide;

/// <summary>
/// Alarms from behaviour and hardware, as the read side lists them on a real node and database: one open alarm per cause,
/// and the ones a cabinet or a person raise (a door left open, wrong PINs, the duress PIN, an offline grant after a revocation).
/// </summary>
public abstract class AlarmSpecs<TDatabase> : ReadSideSpecs<TDatabase> where TDatabase : TestDatabase, new()
{
    private async Task<List<AlarmRow>> Alarms(CabinetId cabinet)
    {
        await Probe.CaughtUp();
        return [.. (await Probe.Rows<AlarmRow>()).Where(a => a.CabinetId == cabinet.Value).OrderBy(a => a.AlarmId)];
    }

    [Fact]
    public async Task A_repeated_cause_is_counted_on_its_open_alarm_and_raises_a_new_one_once_that_is_cleared()
    {
        var cabinet = await Fleet.Cabinet(slots: 1);
        var stranger = new BadgeNumber(Fleet.Unique("nobody"));
        for (var i = 0; i < 3; i++)
        {
            Clock.Advance(TimeSpan.FromMinutes(1));
            await AtCabinet<Rejection>(new PresentBadge(cabinet, stranger, null, Now));
        }

        var folded = Assert.Single(await Alarms(cabinet));
        var alarm = new AlarmId(folded.AlarmId);
        await Node.Ask<AlarmDetails>(Node.Region<AlarmRegion>(), new AcknowledgeAlarm(alarm, "ops", "a lost badge", cabinet, Now));
        await Node.Ask<AlarmDetails>(Node.Region<AlarmRegion>(), new ClearAlarm(alarm, "ops", null, cabinet, Now));
        await AtCabinet<Rejection>(new PresentBadge(cabinet, stranger, null, Now));
        var after = await Alarms(cabinet);

        Assert.Equal((nameof(AlarmKind.AccessDenied), 3, Now.UtcTicks), (folded.Kind, folded.Occurrences, folded.LastSeenAt));
        Assert.Equal(Now.AddMinutes(-2).UtcTicks, folded.RaisedAt);
        Assert.Equal([(3, true), (1, false)], after.Select(a => (a.Occurrences, a.ClearedAt is not null)));
    }

    [Fact]
    public async Task A_refused_badge_is_told_by_its_holders_id_and_its_last_characters_never_by_its_number()
    {
        var cabinet = await Fleet.Cabinet(slots: 1);
        var stranger = new BadgeNumber(Fleet.Unique("nobody"));
        var (revoked, badge) = await Fleet.Person();
        Fleet.Must(await Node.Admin.Revoke(revoked, PersonStatus.Suspended, "lost badge"));

        var unknown = await AtCabinet<Rejection>(new PresentBadge(cabinet, stranger, null, Now));
        var refused = await AtCabinet<Rejection>(new PresentBadge(cabinet, badge, null, Now));
        var alarms = await Alarms(cabinet);

        Assert.Equal([(null, $"badge {stranger.Masked}, held by no one, was refused: {unknown.Code}"),
                      (revoked.Value, $"badge {badge.Masked} of {revoked} was refused: {refused.Code}")],
            alarms.Select(a => (a.PersonId, a.Detail)));
        Assert.All(alarms, a => Assert.DoesNotContain(stranger.Value, a.Detail));
        Assert.All(alarms, a => Assert.DoesNotContain(badge.Value, a.Detail));
    }

    [Fact]
    public async Task Wrong_pins_lock_the_person_at_the_cabinets_threshold_and_the_duress_pin_raises_a_silent_alarm()
    {
        var cabinet = await Fleet.Cabinet(slots: 1, requiresPin: true);
        Fleet.Must(await Node.Admin.SetAlarmSettings(cabinet,
            AlarmSettings.Default with { PinLockout = new PinLockoutPolicy(2, TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30)) }, "test"));
        var (alice, aliceBadge) = await Fleet.Person(pin: "1234");
        var (bob, bobBadge) = await Fleet.Person(pin: "5678");
        Fleet.Must(await Node.Admin.SetDuressPin(bob, "9110", "test"));

        var first = await AtCabinet<Rejection>(new PresentBadge(cabinet, aliceBadge, "0000", Now));
        var second = await AtCabinet<Rejection>(new PresentBadge(cabinet, aliceBadge, "0001", Now));
        var rightButLocked = await AtCabinet<Rejection>(new PresentBadge(cabinet, aliceBadge, "1234", Now.AddMinutes(29)));
        var underDuress = await AtCabinet<AccessGranted>(new PresentBadge(cabinet, bobBadge, "9110", Now));
        var alarms = await Alarms(cabinet);

        Assert.Equal([RejectionCode.WrongPin, RejectionCode.PinLocked, RejectionCode.PinLocked], new[] { first, second, rightButLocked }.Select(r => r.Code));
        Assert.Equal(bob, underDuress.Person);
        Assert.Equal(
            [(nameof(AlarmKind.AccessDenied), alice.Value, 3), (nameof(AlarmKind.RepeatedFailedPins), alice.Value, 1), (nameof(AlarmKind.Duress), bob.Value, 1)],
            alarms.Select(a => (a.Kind, a.PersonId, a.Occurrences)));
    }

    [Fact]
    public async Task A_door_left_open_a_tamper_and_an_offline_grant_after_a_revocation_raise_alarms_and_a_closed_door_clears_its_own()
    {
        var cabinet = await Fleet.Cabinet(slots: 1);
        var (carol, carolBadge) = await Fleet.Person();
        Fleet.Must(await Node.Admin.Revoke(carol, PersonStatus.Terminated, "left"));

        // Reported late (the controller was cut off): the door had stood open past its limit already.
        await AtCabinet<CabinetDetails>(new ReportDoor(cabinet, true, Now - AlarmSettings.Default.DoorOpenLimit, new HardwareEventRef(1, 1)));
        await Eventually.Holds(async () => Assert.True((await AtCabinet<CabinetDetails>(new GetCabinet(cabinet))).DoorLeftOpen));
        await AtCabinet<CabinetDetails>(new ReportTamper(cabinet, true, Now, new HardwareEventRef(1, 2)));
        await AtCabinet<SlotEventRecorded>(new RecordOfflineAccess(cabinet, carolBadge, carol, 0, true, null, Now.AddMinutes(1), new HardwareEventRef(1, 3)));
        await Eventually.Holds(async () => Assert.Contains(await Alarms(cabinet), a => a.Kind == nameof(AlarmKind.OfflineGrantToRevokedPerson)));
        await AtCabinet<CabinetDetails>(new ReportDoor(cabinet, false, Now.AddMinutes(2), new HardwareEventRef(1, 4)));
        var alarms = await Alarms(cabinet);

        Assert.Equal(
            [(nameof(AlarmKind.DoorLeftOpen), AlarmsProjection.System), (nameof(AlarmKind.Tamper), null),
                (nameof(AlarmKind.OfflineGrantToRevokedPerson), null)],
            alarms.Select(a => (a.Kind, a.ClearedBy)));
        Assert.Equal(carol.Value, alarms[2].PersonId);
    }

    [Fact]
    public async Task Each_controllers_lost_communication_is_its_own_alarm_and_its_restoration_clears_it_with_the_outage()
    {
        var (north, south) = (new ControllerId(Fleet.Unique("ctl-north")), new ControllerId(Fleet.Unique("ctl-south")));
        foreach (var controller in new[] { north, south })
        {
            Fleet.Must(await Node.Admin.RegisterController(controller, "127.0.0.1", 9, OfflinePolicy.DenyAll, "test"));
            await AtController(new ReportControllerCommunication(controller, false, Now));
        }

        await AtController(new ReportControllerCommunication(north, true, Now.AddMinutes(42)));
        await Probe.CaughtUp();
        var alarms = (await Probe.Rows<AlarmRow>()).Where(a => a.ControllerId == north.Value || a.ControllerId == south.Value)
            .OrderBy(a => a.AlarmId).ToList();

        Assert.Equal(
            [(nameof(AlarmKind.ControllerCommunicationLost), north.Value, "the controller answers again after 42 min 0 s"),
                (nameof(AlarmKind.ControllerCommunicationLost), south.Value, null)],
            alarms.Select(a => (a.Kind, a.ControllerId, a.ClearNote)));
    }

    [Fact]
    public async Task A_controller_out_of_reach_past_the_limit_raises_offline_too_long_from_its_own_timer()
    {
        var controller = new ControllerId(Fleet.Unique("ctl-far"));
        Fleet.Must(await Node.Admin.RegisterController(controller, "127.0.0.1", 9, OfflinePolicy.DenyAll, "test"));

        // Reported late, as after a failover: the outage began longer ago than the limit, so the timer is due at once.
        await AtController(new ReportControllerCommunication(controller, false, Now - new EntitySettings().ControllerOfflineAlarmAfter));

        await Eventually.Holds(async () =>
        {
            await Probe.CaughtUp();
            Assert.Contains(await Probe.Rows<AlarmRow>(),
                a => a.ControllerId == controller.Value && a.Kind == nameof(AlarmKind.ControllerOfflineTooLong));
        });
    }

    [Fact]
    public async Task A_handover_clears_the_givers_reminder_and_overdue_alarms_and_the_receivers_custody_starts_without_them()
    {
        var policy = new CustodyPolicy(TimeSpan.FromHours(1), null) { Alerts = new CustodyAlerts(TimeSpan.FromMinutes(15), null, null) };
        var cabinet = await Fleet.Cabinet(slots: 1, policy: policy);
        var slot = new SlotId(cabinet, 1);
        var (giver, badge) = await Fleet.Person();
        var (receiver, _) = await Fleet.Person();
        var session = (await AtCabinet<AccessGranted>(new PresentBadge(cabinet, badge, null, Now))).Session;
        await AtCabinet<UnlockSlot>(new SelectKey(cabinet, session, 1, Now));
        await AtCabinet<SlotEventRecorded>(new ReportTagRemoved(cabinet, 1, Fleet.TagOf(cabinet, 1), Now));
        // The cabinet's timer tells the slot when a step is due: the reminder at 45 minutes, overdue after the hour.
        Clock.Advance(TimeSpan.FromMinutes(50));
        await Node.Ask<KeySlotDetails>(Node.Region<KeySlotRegion>(), new NoticeOverdue(slot, Now));
        Clock.Advance(TimeSpan.FromMinutes(20));
        await Node.Ask<KeySlotDetails>(Node.Region<KeySlotRegion>(), new NoticeOverdue(slot, Now));
        var raised = await Alarms(cabinet);

        var handed = await AtCabinet<KeySlotDetails>(new HandOverKeyAt(cabinet, 1, null, receiver, new HandoverOrigin("ops", "shift change"), Now));
        var after = await Alarms(cabinet);

        Assert.Equal([(nameof(AlarmKind.DueSoon), giver.Value), (nameof(AlarmKind.Overdue), giver.Value)],
            raised.Select(a => (a.Kind, a.PersonId)));
        Assert.All(raised, a => Assert.Null(a.ClearedAt));
        Assert.Equal((receiver, Now.AddHours(1)), (handed.Holder, handed.DueAt));
        Assert.All(after, a => Assert.Equal((AlarmsProjection.System, $"the key was handed over to {receiver}"), (a.ClearedBy, a.ClearNote)));
        Assert.Equal(2, after.Count);
    }

    [Fact]
    public async Task A_decision_on_a_request_settles_the_approvers_notice_and_tells_the_requester_by_a_notice_that_clears_itself()
    {
        var policy = new CustodyPolicy(TimeSpan.FromHours(8), null)
        {
            Approval = new ApprovalRule(ApproverKind.Security, null, ApprovalRule.DefaultWindow, ApprovalRule.DefaultValidity),
        };
        var cabinet = await Fleet.Cabinet(slots: 2, policy: policy);
        var (alice, _) = await Fleet.Person();
        var (bob, _) = await Fleet.Person();
        var approved = Fleet.Must(await Node.Admin.FileApprovalRequest(new SlotId(cabinet, 1), alice, "audit", "ops"));
        var refused = Fleet.Must(await Node.Admin.FileApprovalRequest(new SlotId(cabinet, 2), bob, null, "ops"));

        Fleet.Must(await Node.Admin.DecideApprovalRequest(approved.Id, true, "carol", "vault check"));
        Fleet.Must(await Node.Admin.DecideApprovalRequest(refused.Id, false, "carol", null));
        var alarms = await Alarms(cabinet);

        Assert.Equal(["approved by carol", "refused by carol"],
            alarms.Where(a => a.Kind == nameof(AlarmKind.ApprovalRequested)).Select(a => a.ClearNote));
        var told = alarms.Where(a => a.Kind == nameof(AlarmKind.ApprovalDecided)).ToList();
        Assert.Equal([alice.Value, bob.Value], told.Select(a => a.PersonId));
        Assert.Contains("approved by carol (vault check); take it at the cabinet until", told[0].Detail);
        Assert.Contains($"request {refused.Id} for the key in slot 2 was refused by carol", told[1].Detail);
        Assert.All(told, a => Assert.Equal((AlarmsProjection.System, "the requester is told"), (a.ClearedBy, a.ClearNote)));
    }

    private Task<ControllerDetails> AtController(ControllerCommand command) => Node.Ask<ControllerDetails>(Node.Region<ControllerRegion>(), command);
}

public sealed class SqliteAlarmSpecs : AlarmSpecs<SqliteTestDatabase>;

public sealed class PostgresAlarmSpecs : AlarmSpecs<PostgresTestDatabase>;
