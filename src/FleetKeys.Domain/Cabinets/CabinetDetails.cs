using System.Collections.Immutable;
using FleetKeys.Domain.Alarms;
using FleetKeys.Domain.Ids;
using FleetKeys.Domain.KeySlots;

namespace FleetKeys.Domain.Cabinets;

/// <summary>
/// How a cabinet answers whoever asks about it or changes it: its wiring, its slots (homes, tags present, each slot's
/// custody summary), door, tamper and lock-down, interlocks, alarm settings and the key groups a controller may hand
/// out offline — so callers never hold the entity's state record (what the journal snapshots, with its sessions and its
/// bookkeeping of hardware reports). <c>OpenSessions</c> counts the sessions still open when it answered; <c>DoorLeftOpen</c>
/// says this opening of the door has outlasted its limit.
/// </summary>
public sealed record CabinetDetails(
    CabinetId Id, bool Registered, SiteId Site, string TimeZoneId,
    ControllerId Controller, int BusAddress, int SlotCount, bool RequiresPin,
    ImmutableDictionary<int, TagId> Present, ImmutableDictionary<int, TagId> Homes, ImmutableDictionary<int, SlotSummary> Summary,
    int OpenSessions, bool Online, bool DoorOpen, bool DoorLeftOpen, bool Tampered, CabinetLockdown? Lockdown,
    ImmutableDictionary<string, InterlockGroup> Interlocks, AlarmSettings AlarmSettings, ImmutableDictionary<int, KeyGroup> OfflineGroups)
    : IFleetKeysMessage
{
    public static CabinetDetails Of(CabinetState c, DateTimeOffset at) => new(
        c.Id, c.Registered, c.Site, c.TimeZoneId, c.Controller, c.BusAddress, c.SlotCount, c.RequiresPin,
        c.Present, c.Homes, c.Summary, c.Sessions.Count(s => s.ExpiresAt > at), c.Online, c.DoorOpen, c.DoorLeftOpenRaised, c.Tampered,
        c.Lockdown, c.Interlocks, c.AlarmSettings, c.OfflineGroups.ToImmutableDictionary())
    {
        OnBattery = c.OnBattery, LowBattery = c.LowBattery, ReturnGroups = c.ReturnGroups, Discrepancies = c.Discrepancies,
        Questions = c.Questions,
    };

    /// <summary>What the display asks about the keys of these slots; the controller is given the same lists.</summary>
    public ImmutableDictionary<int, CustodyQuestions> Questions { get; init; } = ImmutableDictionary<int, CustodyQuestions>.Empty;

    /// <summary>Mains power failed and the cabinet runs on its battery.</summary>
    public bool OnBattery { get; init; }

    /// <summary>The battery is below its controller's low mark.</summary>
    public bool LowBattery { get; init; }

    /// <summary>The named return groups the cabinet belongs to.</summary>
    public ImmutableSortedSet<string> ReturnGroups { get; init; } = [];

    /// <summary>What the last inventory found different from the record, still open.</summary>
    public ImmutableList<InventoryDiscrepancy> Discrepancies { get; init; } = [];

    public SlotId SlotId(int slot) => new(Id, slot);

    public int? HomeOf(TagId tag) => CabinetState.HomeOf(Homes, tag);
}
