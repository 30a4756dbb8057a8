using FleetKeys.Cluster.Persistence;
using FleetKeys.Domain.Cabinets;
using FleetKeys.Domain.Ids;
using FleetKeys.Domain.KeySlots;
using FleetKeys.LoadTest.Measurement;
using FleetKeys.LoadTest.Workload;
using FleetKeys.Simulator;

namespace FleetKeys.LoadTest.Journal;

/// <summary>
/// Nothing lost, nothing doubled — checked three ways once the fleet is quiet, against the journal table itself.
/// (1) Every numbered event of every cabinet's log that the controller was told is safe (acknowledged) is in the
/// cabinet's journal exactly once. (2) Every take and return the simulated people physically made is in its key slot's
/// journal exactly once, and no key left its slot without a release (a forced removal). (3) Each slot's custody in the
/// journal agrees with where its key physically is; a slot nobody touched must still hold its key.
/// </summary>
public static class JournalAudit
{
    public static async Task<AuditResult> RunAsync(PersistenceSettings database, byte[] masterSecret, Population population, RunStats stats,
        CancellationToken cancellationToken)
    {
        var cabinetIds = population.Cabinets.ToDictionary(p => $"cabinet-{p.Cabinet.CabinetId}", p => p.Cabinet);
        var slotIds = stats.Physical.Keys.ToDictionary(slot => $"keyslot-{slot}");
        var journal = await JournalTable.EventsOfAsync(database, masterSecret, cabinetIds.Keys.Concat(slotIds.Keys).ToHashSet(), cancellationToken);
        var cabinets = cabinetIds.ToDictionary(c => c.Value, c => (IReadOnlyList<object>)journal[c.Key]);
        var slots = slotIds.ToDictionary(s => s.Value, s => (IReadOnlyList<KeySlotEvent>)[.. journal[s.Key].OfType<KeySlotEvent>()]);

        var (lost, duplicated, pending) = CheckEventLogs(cabinets);
        var (lostCustody, duplicatedCustody, forced) = CheckCustodyCounts(stats, slots);
        return new AuditResult(lost + lostCustody, duplicated + duplicatedCustody, pending, forced, CheckPhysicalState(population, slots));
    }

    private static (int Lost, int Duplicated, int Pending) CheckEventLogs(IReadOnlyDictionary<SimulatedCabinet, IReadOnlyList<object>> cabinets)
    {
        var (lost, duplicated, pending) = (0, 0, 0);
        foreach (var (cabinet, events) in cabinets)
        {
            var log = cabinet.EventLog;
            var numbers = events.OfType<IFromHardware>().Select(e => e.Source).OfType<HardwareEventRef>()
                .Where(s => s.Epoch == log.Epoch).Select(s => s.Number).ToList();
            var distinct = numbers.ToHashSet();
            duplicated += numbers.Count - distinct.Count;
            lost += Enumerable.Range(1, (int)log.AcknowledgedUpTo).Count(n => !distinct.Contains(n));
            pending += log.Pending.Count;
        }

        return (lost, duplicated, pending);
    }

    private static (int Lost, int Duplicated, int Forced) CheckCustodyCounts(RunStats stats, IReadOnlyDictionary<SlotId, IReadOnlyList<KeySlotEvent>> slots)
    {
        var (lost, duplicated, forced) = (0, 0, 0);
        foreach (var (slot, physical) in stats.Physical)
        {
            var events = slots[slot];
            var (takes, returns) = (events.Count(e => e is KeyTaken), events.Count(e => e is KeyReturned));
            lost += Math.Max(0, physical.Takes - takes) + Math.Max(0, physical.Returns - returns);
            duplicated += Math.Max(0, takes - physical.Takes) + Math.Max(0, returns - physical.Returns);
            forced += events.Count(e => e is KeyForciblyRemoved);
        }

        return (lost, duplicated, forced);
    }

    /// <summary>A touched slot whose last custody event says in (returned, released, lapsed) while its key is out, or the reverse.</summary>
    private static int CheckPhysicalState(Population population, IReadOnlyDictionary<SlotId, IReadOnlyList<KeySlotEvent>> touched)
    {
        var mismatches = 0;
        foreach (var place in population.Cabinets)
        foreach (var slot in place.Cabinet.Slots)
        {
            var atHome = slot.Tag == slot.HomeTag;
            var recordedIn = touched.TryGetValue(new SlotId(new CabinetId(place.Cabinet.CabinetId), slot.Slot), out var events)
                ? events.LastOrDefault() is not (KeyTaken or KeyForciblyRemoved or null)
                : true;
            if (recordedIn != atHome) mismatches++;
        }

        return mismatches;
    }
}

/// <summary>
/// <see cref="Lost"/>: acknowledged hardware events or physical takes/returns missing from the journal;
/// <see cref="Duplicated"/>: recorded more than once; <see cref="StillPending"/>: events the controllers still hold
/// unacknowledged (not lost: they are re-sent); <see cref="ForcedRemovals"/> and <see cref="CustodyMismatches"/> must be 0 too.
/// </summary>
public sealed record AuditResult(int Lost, int Duplicated, int StillPending, int ForcedRemovals, int CustodyMismatches)
{
    public bool Clean => Lost == 0 && Duplicated == 0 && StillPending == 0 && ForcedRemovals == 0 && CustodyMismatches == 0;
}
