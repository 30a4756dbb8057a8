using FleetKeys.Cluster.Security;
using FleetKeys.Cluster.Cabinets;
using FleetKeys.Cluster.Projections.Audit;
using FleetKeys.Cluster.Projections.Rows;
using FleetKeys.Cluster.Tests.Support;
using FleetKeys.Domain.Alarms;
using FleetKeys.Domain.Cabinets;
using FleetKeys.Domain.Ids;
using FleetKeys.Domain.KeySlots;
using FleetKeys.Domain.People;
using FleetKeys.Domain.ReadSide;
using FleetKeys.Testing;

namespace FleetKeys.Cluster.Tests.ReadSide;

/// <summary>The projections on a real node and database: they follow the journal, and a rebuild reproduces them exactly.</summary>
public abstract class ProjectionSpecs<TDatabase> : ReadSideSpecs<TDatabase> where TDatabase : TestDatabase, new()
{
    /// <summary>
    /// A take, a return, a forced removal, a wrong-slot return, a denied badge and an inventory discrepancy that a tag seen
    /// leaving resolves: something for every table.
    /// </summary>
    private async Task<(CabinetId Cabinet, PersonId Person)> Activity()
    {
        var cabinet = await Fleet.Cabinet(slots: 3);
        var (person, badge) = await Fleet.Person();
        var session = (await AtCabinet<AccessGranted>(new PresentBadge(cabinet, badge, null, Now))).Session;
        await AtCabinet<UnlockSlot>(new SelectKey(cabinet, session, 1, Now));
        await AtCabinet<SlotEventRecorded>(new ReportTagRemoved(cabinet, 1, Fleet.TagOf(cabinet, 1), Now));
        await AtCabinet<UnlockSlot>(new SelectKey(cabinet, session, 2, Now));
        await AtCabinet<SlotEventRecorded>(new ReportTagRemoved(cabinet, 2, Fleet.TagOf(cabinet, 2), Now));
        Clock.Advance(TimeSpan.FromMinutes(10));
        await AtCabinet<AccessGranted>(new PresentBadge(cabinet, badge, null, Now));
        await AtCabinet<SlotEventRecorded>(new ReportTagInserted(cabinet, 2, Fleet.TagOf(cabinet, 2), Now));
        await AtCabinet<SlotEventRecorded>(new ReportTagRemoved(cabinet, 3, Fleet.TagOf(cabinet, 3), Now));
        // A tag homed nowhere in the cabinet: a key put into another slot of its own cabinet would be back, not missing.
        var stray = new TagId(Fleet.Unique("stray"));
        await AtCabinet<SlotEventRecorded>(new ReportTagInserted(cabinet, 1, stray, Now));
        await AtCabinet<FleetKeys.Domain.Rejection>(new PresentBadge(cabinet, new BadgeNumber(Fleet.Unique("nobody")), null, Now));
        await AtCabinet<CabinetDetails>(new ReportInventory(cabinet, [new SlotTag(1, stray), new SlotTag(2, Fleet.TagOf(cabinet, 2))], Now));
        await AtCabinet<SlotEventRecorded>(new ReportTagRemoved(cabinet, 1, stray, Now));
        await Eventually.Holds(async () => Assert.Single(Fleet.Must(await Node.Admin.GetPerson(person)).Held));
        return (cabinet, person);
    }

    [Fact]
    public async Task Custody_history_alarms_people_cabinets_and_the_audit_log_follow_the_journal()
    {
        var (cabinet, person) = await Activity();
        await Probe.CaughtUp();

        var custody = (await Probe.Rows<CustodyRow>()).Where(r => r.CabinetId == cabinet.Value).OrderBy(r => r.Slot).ToList();
        var history = (await Probe.Rows<CustodyHistoryRow>()).Where(r => r.CabinetId == cabinet.Value).OrderBy(r => r.Ordering).ToList();
        var alarms = (await Probe.Rows<AlarmRow>()).Where(r => r.CabinetId == cabinet.Value).OrderBy(r => r.AlarmId).ToList();
        var people = (await Probe.Rows<PersonRow>()).Single(p => p.PersonId == person.Value);
        var cabinetRow = (await Probe.Rows<CabinetRow>()).Single(c => c.CabinetId == cabinet.Value);
        var discrepancy = (await Probe.Rows<DiscrepancyRow>()).Single(d => d.CabinetId == cabinet.Value);
        var verification = await new AuditVerifier(Probe.Database, Node.System, new AuditKeys(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32), 1), new AuditAnchors(new AuditSettings())).Verify();

        Assert.Equal([("Out", person.Value), ("InSlot", null), ("Missing", null)], custody.Select(c => (c.Status, c.Holder)));
        Assert.Equal(Now.AddMinutes(-10).AddHours(8).UtcTicks, custody[0].DueAt);
        Assert.Equal(["released", "taken", "released", "taken", "returned", "forciblyRemoved"], history.Select(h => h.Kind));
        Assert.All(history, h => Assert.Equal("general", h.KeyGroup));
        Assert.Equal([nameof(AlarmKind.ForcedRemoval), nameof(AlarmKind.WrongSlotReturn), nameof(AlarmKind.AccessDenied), nameof(AlarmKind.InventoryDiscrepancy)],
            alarms.Select(a => a.Kind));
        Assert.Equal(person.Value, alarms[1].PersonId);
        Assert.Equal((1, 1), (people.KeysHeld, people.Badges));
        Assert.Equal((Fleet.Site.Value, 3), (cabinetRow.SiteId, cabinetRow.SlotCount));
        Assert.Equal((1, nameof(DiscrepancyKind.UnknownTag), Now.UtcTicks, Now.UtcTicks, nameof(DiscrepancyResolution.TagLeft)),
            (discrepancy.Slot, discrepancy.Kind, discrepancy.FoundAt, discrepancy.ResolvedAt, discrepancy.ResolvedHow));
        Assert.True(verification.Intact, $"audit log not intact: {verification.FirstProblem}");
        Assert.Equal((await Probe.Rows<AuditRow>()).Count, verification.RowsChecked);
    }

    [Fact]
    public async Task Rebuilding_every_projection_from_scratch_yields_identical_tables()
    {
        var (cabinet, _) = await Activity();
        await Probe.CaughtUp();
        var acknowledged = (await Probe.Rows<AlarmRow>()).First(a => a.CabinetId == cabinet.Value);
        await Node.Ask<AlarmDetails>(Node.Region<Alarms.AlarmRegion>(),
            new AcknowledgeAlarm(new AlarmId(acknowledged.AlarmId), "ops", "seen on camera", cabinet, Now));
        await Probe.CaughtUp();
        var before = await Probe.Snapshot();

        foreach (var projection in (await Probe.Statuses()).Projections)
            await Node.Ask<ProjectionStatus>(Node.Region<Projections.ProjectionSupervisorProxy>(), new RebuildProjection(projection.Name));
        await Probe.CaughtUp();
        var after = await Probe.Snapshot();

        Assert.Equal(9, before["offsets"].Count);
        Assert.Contains(before["discrepancies"], d => d.Contains(nameof(DiscrepancyResolution.TagLeft)));
        Assert.Contains(before["alarms"], a => a.Contains("seen on camera"));
        foreach (var (table, rows) in before) Assert.Equal(rows, after[table]);
    }
}

public sealed class SqliteProjectionSpecs : ProjectionSpecs<SqliteTestDatabase>;

public sealed class PostgresProjectionSpecs : ProjectionSpecs<PostgresTestDatabase>;
