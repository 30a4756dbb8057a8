using FleetKeys.Domain.Ids;
using FleetKeys.Domain.KeySlots;
using FleetKeys.Domain.TagHomes;

namespace FleetKeys.Domain.Cabinets;

/// <summary>A tag the cabinet found in a slot when it was asked for its inventory.</summary>
public sealed record SlotTag(int Slot, TagId Tag) : IFleetKeysMessage;

/// <summary>
/// An operator asks the cabinet for its inventory now. Only a cabinet that answers its controller can be asked: the
/// inventory is compared with custody here, never by the cabinet on its own.
/// </summary>
public sealed record RequestInventory(CabinetId Cabinet, string By, DateTimeOffset At) : CabinetCommand(Cabinet, At), IAsk<InventoryRequested>;

/// <summary>The answer to <see cref="RequestInventory"/>: the driver was asked; the result shows in the reconciliation report.</summary>
public sealed record InventoryRequested(CabinetId Cabinet, DateTimeOffset At) : IFleetKeysMessage;

/// <summary>
/// From the driver: the tags the cabinet holds, slot by slot (a slot not listed is empty). <c>HomedElsewhere</c>: for the tags
/// homed in no slot of this cabinet, where the tag directory says their key is homed, looked up by the shell first; a tag
/// homed neither here nor there is unknown to the fleet.
/// </summary>
public sealed record ReportInventory(CabinetId Cabinet, IReadOnlyList<SlotTag> Tags, DateTimeOffset At) : CabinetCommand(Cabinet, At)
{
    public IReadOnlyList<TagHomeState> HomedElsewhere { get; init; } = [];
}

public enum DiscrepancyKind
{
    /// <summary>The key is recorded in the slot (custody in, the cabinet saw it go in) and the cabinet does not hold its tag.</summary>
    Missing,

    /// <summary>A tag no slot of the fleet homes a key of.</summary>
    UnknownTag,

    /// <summary>A key sits where its return rule does not allow it: another cabinet outside its return group, or the wrong slot.</summary>
    Misplaced,
}

/// <summary>One difference between what the cabinet holds and what FleetKeys records; <c>Key</c> is the key's home slot, when known.</summary>
public sealed record InventoryDiscrepancy(int Slot, DiscrepancyKind Kind, TagId Tag, SlotId? Key, DateTimeOffset Since) : IFleetKeysMessage
{
    public bool SameAs(InventoryDiscrepancy other) => (Slot, Kind, Tag) == (other.Slot, other.Kind, other.Tag);
}

/// <summary>The cabinet reported what it holds: <c>Tags</c>, slot by slot.</summary>
public sealed record InventoryTaken(CabinetId Cabinet, IReadOnlyList<SlotTag> Tags, DateTimeOffset At) : CabinetEvent(Cabinet, At);

public sealed record InventoryDiscrepancyFound(CabinetId Cabinet, InventoryDiscrepancy Discrepancy, DateTimeOffset At) : CabinetEvent(Cabinet, At);

/// <summary>What showed a discrepancy over.</summary>
public enum DiscrepancyResolution
{
    /// <summary>A later inventory no longer found it.</summary>
    Inventory,

    /// <summary>A tag was seen leaving the slot, or the missing tag leaving wherever it was.</summary>
    TagLeft,

    /// <summary>A tag was seen entering the slot, or the missing tag entering any slot.</summary>
    TagEntered,

    /// <summary>A key was homed with the unknown tag, in the slot that holds it.</summary>
    KeyHomed,

    /// <summary>The cabinet was taken out of service: what it held is no longer the fleet's to reconcile.</summary>
    Decommissioned,
}

/// <summary>
/// A later inventory, or a tag seen leaving or entering the slot, shows the discrepancy is over; <c>How</c> says which
/// (none in events recorded before it was kept).
/// </summary>
public sealed record InventoryDiscrepancyResolved(CabinetId Cabinet, InventoryDiscrepancy Discrepancy, DateTimeOffset At, DiscrepancyResolution? How = null)
    : CabinetEvent(Cabinet, At);

/// <summary>Compares a reported inventory with what the cabinet records and what custody says.</summary>
public static class Reconciliation
{
    /// <summary>
    /// Where the cabinet expects a tag: a tag it saw go into a slot, unless custody has its key out; and a key in custody in
    /// its slot (home, or the slot of this cabinet it was put back into). A key put back into another cabinet is that one's.
    /// A key slot reports every change of custody but its assignment, which puts the key in: a key with no summary yet is in.
    /// </summary>
    public static IReadOnlyDictionary<int, TagId> Expected(CabinetState cabinet)
    {
        var expected = new Dictionary<int, TagId>();
        foreach (var (slot, tag) in cabinet.Present)
        {
            if (cabinet.HomeOf(tag) is { } home && cabinet.Summary.GetValueOrDefault(home)?.Status is CustodyStatus.Out or CustodyStatus.Missing)
                continue;
            expected[slot] = tag;
        }

        foreach (var (home, tag) in cabinet.Homes)
        {
            var summary = cabinet.Summary.GetValueOrDefault(home);
            if (summary is { Status: not CustodyStatus.InSlot } || expected.ContainsValue(tag)) continue;
            if (summary?.PlacedIn is { } placed && placed.Cabinet != cabinet.Id) continue;
            expected.TryAdd(summary?.PlacedIn?.Number ?? home, tag);
        }

        return expected;
    }

    public static IReadOnlyList<InventoryDiscrepancy> Compare(CabinetState cabinet, ReportInventory report)
    {
        var found = new List<InventoryDiscrepancy>();
        var held = report.Tags.Select(t => t.Tag).ToHashSet();
        foreach (var (slot, tag) in Expected(cabinet).Where(e => !held.Contains(e.Value)).OrderBy(e => e.Key))
            found.Add(new InventoryDiscrepancy(slot, DiscrepancyKind.Missing, tag, KeyOf(cabinet, report, tag), report.At));
        foreach (var (slot, tag) in report.Tags.OrderBy(t => t.Slot))
        {
            var elsewhere = report.HomedElsewhere.FirstOrDefault(h => h.Tag == tag && h.Slot is not null);
            DiscrepancyKind? kind = cabinet.HomeOf(tag) is not null ? (cabinet.MayReturnTo(tag, slot) ? null : DiscrepancyKind.Misplaced)
                : elsewhere is null ? DiscrepancyKind.UnknownTag
                : elsewhere.MayReturnAmong(cabinet.ReturnGroups) ? null : DiscrepancyKind.Misplaced;
            if (kind is { } k) found.Add(new InventoryDiscrepancy(slot, k, tag, KeyOf(cabinet, report, tag), report.At));
        }

        return found;
    }

    private static SlotId? KeyOf(CabinetState cabinet, ReportInventory report, TagId tag) =>
        cabinet.HomeOf(tag) is { } home ? cabinet.SlotId(home) : report.HomedElsewhere.FirstOrDefault(h => h.Tag == tag)?.Slot;
}
