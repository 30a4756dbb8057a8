using System.Collections.Immutable;
using System.Text.Json.Serialization;
using FleetKeys.Domain.Alarms;
using FleetKeys.Domain.Ids;
using FleetKeys.Domain.KeySlots;
using FleetKeys.Domain.Time;

namespace FleetKeys.Domain.Cabinets;

/// <summary>
/// The physical cabinet: which tag sits in which slot, who is at the door, and a summary of each slot's custody.
/// It owns facts about the hardware; custody itself belongs to the key slots.
/// </summary>
public sealed record CabinetState(
    CabinetId Id,
    bool Registered,
    SiteId Site,
    string TimeZoneId,
    ControllerId Controller,
    int BusAddress,
    int SlotCount,
    bool RequiresPin,
    ImmutableDictionary<int, TagId> Present,
    ImmutableDictionary<int, TagId> Homes,
    ImmutableDictionary<int, KeyGroup> Groups,
    ImmutableList<CabinetSession> Sessions,
    ImmutableDictionary<int, SlotSummary> Summary,
    bool Online,
    bool DoorOpen,
    HardwareEventRef? LastHardwareEvent,
    CabinetLockdown? Lockdown = null) : IEntityState<CabinetState, CabinetCommand, CabinetEvent>, IFleetKeysMessage
{
    public AlarmSettings AlarmSettings { get; init; } = AlarmSettings.Default;

    /// <summary>When the open door was first reported open; null while it is closed.</summary>
    public DateTimeOffset? DoorOpenSince { get; init; }

    /// <summary>This opening of the door has raised its door-left-open alarm already.</summary>
    public bool DoorLeftOpenRaised { get; init; }

    public bool Tampered { get; init; }

    /// <summary>Mains power failed and the cabinet runs on its battery.</summary>
    public bool OnBattery { get; init; }

    /// <summary>The battery is below its controller's low mark.</summary>
    public bool LowBattery { get; init; }

    /// <summary>
    /// A driver has reported whether the cabinet answers (<c>Online</c> means nothing before): a cabinet whose controller has
    /// never been reached is reported offline, and raises its alarm, like one that stopped answering.
    /// </summary>
    public bool ConnectivityReported { get; init; }

    /// <summary>Taken out of service: unregistered, its history kept; the id may be registered again, afresh.</summary>
    public bool Decommissioned { get; init; }

    /// <summary>When the door, open and not yet alarmed, counts as left open; null when there is nothing to watch.</summary>
    public DateTimeOffset? DoorDueAt => DoorOpenSince is { } since && !DoorLeftOpenRaised ? since + AlarmSettings.DoorOpenLimit : null;

    /// <summary>Slots whose key only the cluster may release: its rules cannot be kept by a controller on its own.</summary>
    public ImmutableHashSet<int> OnlineOnly { get; init; } = [];

    /// <summary>
    /// The key groups by slot a controller may hand out while cut off from the cluster: neither two-person keys nor
    /// interlocked ones, whose rules need the other person's standing or the other keys' custody.
    /// </summary>
    [JsonIgnore]
    public IReadOnlyDictionary<int, KeyGroup> OfflineGroups =>
        Groups.Where(g => !OnlineOnly.Contains(g.Key) && !Interlocks.Values.Any(i => i.Involves(g.Key))).ToImmutableDictionary();

    /// <summary>What the display asks about the keys of these slots (the others ask nothing), pushed to the controller.</summary>
    public ImmutableDictionary<int, CustodyQuestions> Questions { get; init; } = ImmutableDictionary<int, CustodyQuestions>.Empty;

    /// <summary>Home slots whose key may be put back into any free slot of this cabinet.</summary>
    public ImmutableHashSet<int> ReturnAnywhere { get; init; } = [];

    /// <summary>The named return groups this cabinet belongs to: keys of other cabinets whose policy names one are taken back here.</summary>
    public ImmutableSortedSet<string> ReturnGroups { get; init; } = [];

    /// <summary>The most return groups one cabinet belongs to.</summary>
    public const int MaxReturnGroups = 16;

    /// <summary>Interlock groups of this cabinet's slots, by name.</summary>
    public ImmutableDictionary<string, InterlockGroup> Interlocks { get; init; } = ImmutableDictionary<string, InterlockGroup>.Empty;

    /// <summary>The tags of the last inventory recorded, slot by slot; null before the first.</summary>
    public ImmutableList<SlotTag>? LastInventory { get; init; }

    /// <summary>The differences between the last inventory and the record that no inventory or tag event has resolved since.</summary>
    public ImmutableList<InventoryDiscrepancy> Discrepancies { get; init; } = [];

    public static CabinetState Empty(CabinetId id) =>
        new(id, false, default, "UTC", default, 0, 0, false, ImmutableDictionary<int, TagId>.Empty,
            ImmutableDictionary<int, TagId>.Empty, ImmutableDictionary<int, KeyGroup>.Empty, [],
            ImmutableDictionary<int, SlotSummary>.Empty, false, false, null);

    /// <summary>Compares a numbered report with the last one recorded; a new log epoch starts afresh.</summary>
    public Freshness FreshnessOf(HardwareEventRef? source)
    {
        if (source is null || LastHardwareEvent is not { } last || last.Epoch != source.Epoch) return Freshness.New;
        return source.Number > last.Number ? Freshness.New : source.Number == last.Number ? Freshness.Repeat : Freshness.Stale;
    }

    public SlotId SlotId(int slot) => new(Id, slot);

    /// <summary>Whoever badged most recently and is still within their session is the person at the cabinet.</summary>
    public CabinetSession? PersonAtCabinet(DateTimeOffset at) =>
        Sessions.Where(s => s.ExpiresAt > at).MaxBy(s => s.OpenedAt);

    public int? HomeOf(TagId tag) => HomeOf(Homes, tag);

    /// <summary>The slot a tag is homed in, if any: the one rule, for the state and for its view.</summary>
    public static int? HomeOf(ImmutableDictionary<int, TagId> homes, TagId tag) =>
        homes.Where(h => h.Value == tag).Select(h => (int?)h.Key).FirstOrDefault();

    /// <summary>Whether the tag may be put into <paramref name="slot"/>: its home, or any slot when its return rule allows.</summary>
    public bool MayReturnTo(TagId tag, int slot) => HomeOf(tag) is { } home && (home == slot || ReturnAnywhere.Contains(home));

    /// <summary>The slot to guide the user to when the tag went where it may not: its home; null when it may be there.</summary>
    public int? GuideFor(TagId tag, int slot) => MayReturnTo(tag, slot) ? null : HomeOf(tag);

    /// <summary>
    /// The slot the key homed in <paramref name="home"/> physically sits in, so a release unlocks where the key is: its home
    /// unless the cabinet last saw its tag go into another slot.
    /// </summary>
    public int SlotHolding(int home) =>
        Homes.TryGetValue(home, out var tag) && Present.GetValueOrDefault(home) != tag
            && Present.Where(p => p.Value == tag).Select(p => (int?)p.Key).FirstOrDefault() is { } elsewhere
            ? elsewhere
            : home;

    /// <summary>The tag in <paramref name="slot"/> when it is a key homed in no slot of this cabinet (one of another cabinet).</summary>
    public TagId? ForeignTagIn(int slot) => Present.TryGetValue(slot, out var tag) && HomeOf(tag) is null ? tag : null;

    /// <summary>
    /// A key may be chosen only inside an open session, from a slot of this cabinet with a key homed in it, or a slot holding
    /// a key of another cabinet (returned here in its return group): that one is chosen by the slot it sits in.
    /// </summary>
    public Rejection? CheckSelectable(SessionId session, int slot, DateTimeOffset at)
    {
        if (!Registered) return Rejection.Of(RejectionCode.NotFound, $"cabinet {Id} is not registered");
        if (Lockdown is not null) return LockedDown();
        if (!Sessions.Any(s => s.Session == session && s.ExpiresAt > at))
            return Rejection.Of(RejectionCode.SessionNotOpen, "the session has ended; present the badge again");
        if (slot < 1 || slot > SlotCount) return Rejection.Of(RejectionCode.UnknownSlot, $"cabinet {Id} has no slot {slot}");
        if (ForeignTagIn(slot) is not null) return null;
        if (!Homes.ContainsKey(slot)) return Rejection.Of(RejectionCode.KeyNotPresent, $"no key is homed in slot {slot}");
        return CheckInterlock(slot);
    }

    /// <summary>
    /// The key of <paramref name="slot"/> is out with the person whose session this is: choosing it starts a handover rather
    /// than a release (the slot would refuse a release of a key that is out).
    /// </summary>
    public bool IsHeldBy(SessionId session, int slot, DateTimeOffset at) =>
        Sessions.FirstOrDefault(s => s.Session == session && s.ExpiresAt > at) is { } open
        && Summary.TryGetValue(slot, out var summary) && summary.Status == KeySlots.CustodyStatus.Out && summary.Holder == open.Person;

    /// <summary>
    /// A handover moves no lock, so neither a lock-down nor an interlock (the key stays away either way) holds it back; the
    /// key must be homed here.
    /// </summary>
    public Rejection? CheckHandover(int slot) =>
        !Registered ? Rejection.Of(RejectionCode.NotFound, $"cabinet {Id} does not exist")
        : !Homes.ContainsKey(slot) ? Rejection.Of(RejectionCode.NotFound, $"no key is homed in slot {SlotId(slot)}")
        : null;

    /// <summary>A key released from the control room obeys the cabinet's rules as one chosen at it does: no lock-down, a key homed, no interlock.</summary>
    public Rejection? CheckRemoteRelease(int slot)
    {
        if (!Registered) return Rejection.Of(RejectionCode.NotFound, $"cabinet {Id} does not exist");
        if (Lockdown is not null) return LockedDown();
        if (!Homes.ContainsKey(slot)) return Rejection.Of(RejectionCode.NotFound, $"no key is homed in slot {SlotId(slot)}");
        return CheckInterlock(slot);
    }

    /// <summary>
    /// Interlocks, from the slots' summaries: a master stays while any key of its group is away, a group key while its
    /// master is away.
    /// </summary>
    public Rejection? CheckInterlock(int slot)
    {
        foreach (var group in Interlocks.Values.Where(g => g.Involves(slot)))
        {
            if (slot == group.MasterSlot)
            {
                var away = group.Slots.Where(s => Summary.GetValueOrDefault(s).IsAway()).ToList();
                if (away.Count > 0)
                    return Rejection.Of(RejectionCode.Interlocked,
                        $"the master key of interlock group '{group.Name}' stays while slot(s) {string.Join(", ", away)} of the group are out");
            }
            else if (Summary.GetValueOrDefault(group.MasterSlot).IsAway())
            {
                return Rejection.Of(RejectionCode.Interlocked,
                    $"keys of interlock group '{group.Name}' stay while its master key (slot {group.MasterSlot}) is out");
            }
        }

        return null;
    }

    public CabinetSession SessionOf(SessionId session) => Sessions.Single(s => s.Session == session);

    public Decision<CabinetEvent> Decide(CabinetCommand command)
    {
        if (!Registered && command is not RegisterCabinet)
            return Rejection.Of(RejectionCode.NotFound, Decommissioned ? $"cabinet {Id} was decommissioned" : $"cabinet {Id} is not registered");
        // A repeated or stale report was recorded already; recording it again would count a take or a return twice.
        if (command is IHardwareReport { Source: var source } && FreshnessOf(source) != Freshness.New)
            return Decision<CabinetEvent>.Accept();
        return command switch
        {
            RegisterCabinet c => DecideRegister(c),
            HomeKey c => DecideHome(c),
            RecordSessionOpened c => Decision<CabinetEvent>.Accept(
                new CabinetSessionOpened(Id, c.Session, c.Person, c.Badge, c.ExpiresAt, c.At, Site)),
            RecordAccessDenied c => Decision<CabinetEvent>.Accept(new AccessDenied(Id, c.Badge, c.Person, c.Reason, c.At, Site: Site)),
            ReportTagRemoved c => CheckSlot(c.Slot) ?? Decision<CabinetEvent>.Accept(
                [new TagLeftSlot(Id, c.Slot, c.Tag, c.At, c.Source), .. ResolvedBy(c.Slot, c.Tag, c.At, DiscrepancyResolution.TagLeft)]),
            ReportTagInserted c => CheckSlot(c.Slot) ?? DecideInsert(c),
            ReportInventory c => DecideInventory(c),
            IKeyReportAtCabinet c => CheckSlot(c.Slot) ?? Decision<CabinetEvent>.Accept(),
            RequestInventory => Online
                ? Decision<CabinetEvent>.Accept()
                : Rejection.Of(RejectionCode.Unavailable,
                    $"cabinet {Id} does not answer its controller, so it cannot report its inventory; ask again once it is online"),
            ReportDoor c => Decision<CabinetEvent>.Accept(c.Open ? new DoorOpened(Id, c.At, c.Source) : new DoorClosed(Id, c.At, c.Source)),
            SetAlarmSettings c => c.Settings == AlarmSettings
                ? Decision<CabinetEvent>.Accept()
                : Decision<CabinetEvent>.Accept(new AlarmSettingsChanged(Id, c.Settings, c.At, c.By)),
            NoticeDoorLeftOpen c => DoorDueAt <= c.At
                ? Decision<CabinetEvent>.Accept(new DoorLeftOpen(Id, DoorOpenSince!.Value, c.At))
                : Decision<CabinetEvent>.Accept(),
            ReportTamper c => Decision<CabinetEvent>.Accept(c.Active ? new TamperDetected(Id, c.At, c.Source) : new TamperRestored(Id, c.At, c.Source)),
            ReportMainsPower c => Decision<CabinetEvent>.Accept(c.On ? new MainsPowerRestored(Id, c.At, c.Source) : new MainsPowerLost(Id, c.At, c.Source)),
            ReportBattery { ChargePercent: < 0 or > 100 } => Rejection.Of(RejectionCode.Invalid, "chargePercent must be between 0 and 100"),
            ReportBattery c => Decision<CabinetEvent>.Accept(c.Low
                ? new BatteryLow(Id, c.ChargePercent, c.At, c.Source)
                : new BatteryRecovered(Id, c.ChargePercent, c.At, c.Source)),
            RecordOfflineAccess c => DecideOfflineAccess(c),
            ReportConnectivity c => c.Online == Online && ConnectivityReported
                ? Decision<CabinetEvent>.Accept()
                : Decision<CabinetEvent>.Accept(c.Online ? new CabinetOnline(Id, c.At) : new CabinetOffline(Id, c.At)),
            EndSession c => Sessions.Any(s => s.Session == c.Session)
                ? Decision<CabinetEvent>.Accept(new CabinetSessionClosed(Id, c.Session, c.At))
                : Decision<CabinetEvent>.Accept(),
            UpdateSlotSummary c => Summary.GetValueOrDefault(c.Summary.Slot) == c.Summary
                ? Decision<CabinetEvent>.Accept()
                : Decision<CabinetEvent>.Accept(new SlotSummaryChanged(Id, c.Summary, c.At)),
            DeclareEmergencyOpen c => Lockdown is not null
                ? LockedDown()
                : Decision<CabinetEvent>.Accept(new CabinetEmergencyOpened(Id, c.Reason, c.By, c.Until, c.At)),
            LockDownCabinet c => Lockdown is not null
                ? Decision<CabinetEvent>.Accept()
                : Decision<CabinetEvent>.Accept(new CabinetLockedDown(Id, c.Reason, c.By, c.At)),
            SetInterlock c => DecideInterlock(c),
            SetReturnGroups c => DecideReturnGroups(c),
            RemoveInterlock c => Interlocks.ContainsKey(c.Name)
                ? Decision<CabinetEvent>.Accept(new InterlockRemoved(Id, c.Name, c.At, c.By))
                : Rejection.Of(RejectionCode.NotFound, $"cabinet {Id} has no interlock group '{c.Name}'"),
            UnhomeKey c => CheckSlot(c.Slot) ?? (Homes.TryGetValue(c.Slot, out var homed)
                ? Decision<CabinetEvent>.Accept(new KeyUnhomed(Id, c.Slot, homed, c.At))
                : Decision<CabinetEvent>.Accept()),
            ChangeCabinet c => DecideChange(c),
            DecommissionCabinet c => Homes.IsEmpty
                ? Decision<CabinetEvent>.Accept([
                    .. Discrepancies.Select(d => new InventoryDiscrepancyResolved(Id, d, c.At, DiscrepancyResolution.Decommissioned)),
                    new CabinetDecommissioned(Id, Controller, BusAddress, c.By, c.At)])
                : Rejection.Of(RejectionCode.Conflict,
                    $"cabinet {Id} still homes keys in slot(s) {string.Join(", ", Homes.Keys.Order())}; remove them first " +
                    "(a key can be removed only while it is in its slot)"),
            LiftLockdown c => Lockdown is null
                ? Decision<CabinetEvent>.Accept()
                : Decision<CabinetEvent>.Accept(new CabinetLockdownLifted(Id, c.By, c.At)),
            _ => throw new ArgumentOutOfRangeException(nameof(command), command.GetType().Name, "unhandled cabinet command"),
        };
    }

    public Rejection LockedDown() =>
        Rejection.Of(RejectionCode.Conflict, $"cabinet {Id} is locked down ({Lockdown!.Reason}); lift the lock-down first");

    private Rejection? CheckSlot(int slot) =>
        slot < 1 || slot > SlotCount ? Rejection.Of(RejectionCode.UnknownSlot, $"cabinet {Id} has no slot {slot}") : null;

    private Decision<CabinetEvent> DecideRegister(RegisterCabinet c)
    {
        if (Registered) return Rejection.Of(RejectionCode.AlreadyExists, $"cabinet {Id} already exists");
        if (c.SlotCount is < 1 or > 255) return Rejection.Of(RejectionCode.Invalid, "slotCount must be between 1 and 255");
        if (c.BusAddress is < 0 or > 0x7E) return Rejection.Of(RejectionCode.Invalid, "busAddress must be between 0 and 126");
        if (!SiteTime.IsKnownZone(c.TimeZoneId)) return Rejection.Of(RejectionCode.Invalid, $"unknown time zone '{c.TimeZoneId}'");
        return Decision<CabinetEvent>.Accept(new CabinetRegistered(
            Id, c.Site, c.TimeZoneId, c.Controller, c.BusAddress, c.SlotCount, c.RequiresPin, c.At, c.By));
    }

    private Decision<CabinetEvent> DecideChange(ChangeCabinet c)
    {
        var (controller, busAddress, requiresPin) = (c.Controller ?? Controller, c.BusAddress ?? BusAddress, c.RequiresPin ?? RequiresPin);
        if (busAddress is < 0 or > 0x7E) return Rejection.Of(RejectionCode.Invalid, "busAddress must be between 0 and 126");
        if (c is { RemoveReader: true, ReaderAddress: not null })
            return Rejection.Of(RejectionCode.Invalid, "a reader is either given or taken away, not both").About("removeReader");
        return (controller, busAddress, requiresPin) == (Controller, BusAddress, RequiresPin) && c is { ReaderAddress: null, RemoveReader: false }
            ? Decision<CabinetEvent>.Accept()
            : Decision<CabinetEvent>.Accept(new CabinetChanged(Id, controller, busAddress, requiresPin, c.By, c.At, c.ReaderAddress, c.RemoveReader));
    }

    private Decision<CabinetEvent> DecideInterlock(SetInterlock c)
    {
        var group = c.Group;
        if (string.IsNullOrWhiteSpace(group.Name) || group.Name.Length > InterlockGroup.MaxNameLength)
            return Rejection.Of(RejectionCode.Invalid, $"an interlock group needs a name of at most {InterlockGroup.MaxNameLength} characters");
        if (group.Slots.Count == 0) return Rejection.Of(RejectionCode.Invalid, "an interlock group needs at least one slot besides its master");
        if (group.Slots.Append(group.MasterSlot).Select(CheckSlot).FirstOrDefault(r => r is not null) is { } outside) return outside;
        if (group.Slots.Contains(group.MasterSlot) || group.Slots.Distinct().Count() != group.Slots.Count)
            return Rejection.Of(RejectionCode.Invalid, "each slot appears once in an interlock group, the master not among its keys");
        // One group per slot keeps the rule a slot obeys readable at a glance.
        var taken = Interlocks.Values.Where(g => g.Name != group.Name)
            .SelectMany(g => g.Slots.Append(g.MasterSlot).Select(s => (Slot: s, g.Name)))
            .FirstOrDefault(s => group.Involves(s.Slot));
        if (taken.Name is not null)
            return Rejection.Of(RejectionCode.Conflict, $"slot {taken.Slot} is already in interlock group '{taken.Name}'");
        var normalised = group with { Slots = [.. group.Slots.Order()] };
        return Interlocks.GetValueOrDefault(group.Name) == normalised
            ? Decision<CabinetEvent>.Accept()
            : Decision<CabinetEvent>.Accept(new InterlockSet(Id, normalised, c.At, c.By));
    }

    private Decision<CabinetEvent> DecideReturnGroups(SetReturnGroups c)
    {
        if (c.Groups.FirstOrDefault(g => string.IsNullOrWhiteSpace(g) || g.Length > CustodyPolicy.MaxReturnGroupLength) is { } bad)
            return Rejection.Of(RejectionCode.Invalid, $"return group '{bad}': a name has 1 to {CustodyPolicy.MaxReturnGroupLength} characters");
        var groups = c.Groups.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (groups.Count > MaxReturnGroups) return Rejection.Of(RejectionCode.Invalid, $"a cabinet belongs to at most {MaxReturnGroups} return groups");
        return groups.SequenceEqual(ReturnGroups)
            ? Decision<CabinetEvent>.Accept()
            : Decision<CabinetEvent>.Accept(new ReturnGroupsSet(Id, groups, c.By, c.At));
    }

    private Decision<CabinetEvent> DecideHome(HomeKey c)
    {
        if (CheckSlot(c.Slot) is { } bad) return bad;
        if (HomeOf(c.Tag) is { } home && home != c.Slot)
            return Rejection.Of(RejectionCode.Conflict, $"tag {c.Tag} is already homed in slot {home}");
        KeyGroup? group = Groups.TryGetValue(c.Slot, out var homedGroup) ? homedGroup : null;
        var unchanged = Homes.GetValueOrDefault(c.Slot) == c.Tag && group == c.Group && OnlineOnly.Contains(c.Slot) == c.OnlineOnly
                        && ReturnAnywhere.Contains(c.Slot) == (c.Return != ReturnRule.HomeSlot)
                        && Equals(Questions.GetValueOrDefault(c.Slot), Asking(c.Questions));
        // A cabinet registered with its keys inside reports their tags before they are homed: homing one makes its tag known.
        return unchanged
            ? Decision<CabinetEvent>.Accept()
            : Decision<CabinetEvent>.Accept([new KeyHomed(Id, c.Slot, c.Tag, c.At, c.Group, c.OnlineOnly, c.Return, Asking(c.Questions)),
                .. Discrepancies.Where(d => d is { Kind: DiscrepancyKind.UnknownTag } && d.Tag == c.Tag && d.Slot == c.Slot)
                    .Select(d => new InventoryDiscrepancyResolved(Id, d, c.At, DiscrepancyResolution.KeyHomed))]);
    }

    /// <summary>Lists that ask nothing are not kept: a slot either asks something or is absent.</summary>
    private static CustodyQuestions? Asking(CustodyQuestions? questions) =>
        questions is { Reasons.Count: > 0 } or { AsksOnReturn: true } ? questions : null;

    private Decision<CabinetEvent> DecideOfflineAccess(RecordOfflineAccess c)
    {
        if (c.Granted && c.Slot != 0 && CheckSlot(c.Slot) is { } bad) return bad;
        return Decision<CabinetEvent>.Accept(c.Granted
            ? new OfflineAccessGranted(Id, c.Badge, c.Person, c.Slot, c.At, c.Source, Site)
            : new AccessDenied(Id, c.Badge, c.Person, c.Reason ?? RejectionCode.NotEntitled, c.At, c.Source, Site));
    }

    private Decision<CabinetEvent> DecideInsert(ReportTagInserted c)
    {
        var entered = new TagEnteredSlot(Id, c.Slot, c.Tag, c.At, c.Source);
        CabinetEvent[] wrong = MayReturnTo(c.Tag, c.Slot) || c.HomedElsewhere?.MayReturnAmong(ReturnGroups) == true
            ? []
            : [new WrongSlotReturn(Id, c.Slot, c.Tag, HomeOf(c.Tag), PersonAtCabinet(c.At)?.Person, c.At)];
        return Decision<CabinetEvent>.Accept([entered, .. wrong, .. ResolvedBy(c.Slot, c.Tag, c.At, DiscrepancyResolution.TagEntered)]);
    }

    /// <summary>A tag seen entering or leaving a slot changes what the last inventory found there, and wherever it missed that tag.</summary>
    private IEnumerable<CabinetEvent> ResolvedBy(int slot, TagId tag, DateTimeOffset at, DiscrepancyResolution how) =>
        Discrepancies.Where(d => d.Slot == slot || d.Tag == tag).Select(d => new InventoryDiscrepancyResolved(Id, d, at, how));

    /// <summary>
    /// An inventory is recorded when it differs from the last one recorded (a cabinet reconnecting with nothing moved
    /// would otherwise fill the audit with copies); it is compared every time, since custody may have changed meanwhile.
    /// A discrepancy already open stays open from when it first arose (an identical inventory raises nothing new), one no
    /// longer found is resolved, and a new one is raised.
    /// </summary>
    private Decision<CabinetEvent> DecideInventory(ReportInventory c)
    {
        if (c.Tags.FirstOrDefault(t => CheckSlot(t.Slot) is not null) is { } outside) return CheckSlot(outside.Slot)!;
        if (c.Tags.DistinctBy(t => t.Slot).Count() != c.Tags.Count) return Rejection.Of(RejectionCode.Invalid, "a slot is listed once in an inventory");
        var found = Reconciliation.Compare(this, c);
        List<SlotTag> tags = [.. c.Tags.OrderBy(t => t.Slot)];
        CabinetEvent[] taken = LastInventory is { } last && last.SequenceEqual(tags) ? [] : [new InventoryTaken(Id, tags, c.At)];
        return Decision<CabinetEvent>.Accept([
            .. taken,
            .. Discrepancies.Where(d => !found.Any(d.SameAs)).Select(d => new InventoryDiscrepancyResolved(Id, d, c.At, DiscrepancyResolution.Inventory)),
            .. found.Where(d => !Discrepancies.Any(d.SameAs)).Select(d => new InventoryDiscrepancyFound(Id, d, c.At)),
        ]);
    }

    public CabinetState Apply(CabinetEvent @event)
    {
        var next = ApplyFact(@event);
        return @event is IFromHardware { Source: { } source } ? next with { LastHardwareEvent = source } : next;
    }

    private CabinetState ApplyFact(CabinetEvent @event) => @event switch
    {
        CabinetRegistered e => this with
        {
            Registered = true, Decommissioned = false, Site = e.Site, TimeZoneId = e.TimeZoneId, Controller = e.Controller,
            BusAddress = e.BusAddress, SlotCount = e.SlotCount, RequiresPin = e.RequiresPin,
        },
        KeyHomed e => this with
        {
            Homes = Homes.SetItem(e.Slot, e.Tag),
            Groups = e.Group is { } group ? Groups.SetItem(e.Slot, group) : Groups.Remove(e.Slot),
            OnlineOnly = e.OnlineOnly ? OnlineOnly.Add(e.Slot) : OnlineOnly.Remove(e.Slot),
            // A key returnable to a group is returnable to any slot of its own cabinet too.
            ReturnAnywhere = e.Return != ReturnRule.HomeSlot ? ReturnAnywhere.Add(e.Slot) : ReturnAnywhere.Remove(e.Slot),
            Questions = e.Questions is { } questions ? Questions.SetItem(e.Slot, questions) : Questions.Remove(e.Slot),
        },
        CabinetSessionOpened e => this with
        {
            Sessions = Sessions.RemoveAll(s => s.ExpiresAt <= e.At).Add(new CabinetSession(e.Session, e.Person, e.At, e.ExpiresAt)),
        },
        AccessDenied => this,
        CabinetSessionClosed e => this with { Sessions = Sessions.RemoveAll(s => s.Session == e.Session) },
        TagLeftSlot e => this with { Present = Present.Remove(e.Slot) },
        TagEnteredSlot e => this with { Present = Present.SetItem(e.Slot, e.Tag) },
        WrongSlotReturn => this,
        InventoryTaken e => this with { LastInventory = [.. e.Tags] },
        InventoryDiscrepancyFound e => this with { Discrepancies = Discrepancies.Add(e.Discrepancy) },
        InventoryDiscrepancyResolved e => this with { Discrepancies = Discrepancies.RemoveAll(e.Discrepancy.SameAs) },
        ReturnGroupsSet e => this with { ReturnGroups = [.. e.Groups] },
        DoorOpened e => this with { DoorOpen = true, DoorOpenSince = DoorOpenSince ?? e.At },
        DoorClosed => this with { DoorOpen = false, DoorOpenSince = null, DoorLeftOpenRaised = false },
        AlarmSettingsChanged e => this with { AlarmSettings = e.Settings },
        DoorLeftOpen => this with { DoorLeftOpenRaised = true },
        TamperDetected => this with { Tampered = true },
        TamperRestored => this with { Tampered = false },
        MainsPowerLost => this with { OnBattery = true },
        MainsPowerRestored => this with { OnBattery = false },
        BatteryLow => this with { LowBattery = true },
        BatteryRecovered => this with { LowBattery = false },
        OfflineAccessGranted => this,
        CabinetOnline => this with { Online = true, ConnectivityReported = true },
        CabinetOffline => this with { Online = false, ConnectivityReported = true },
        SlotSummaryChanged e => this with { Summary = Summary.SetItem(e.Summary.Slot, e.Summary) },
        CabinetEmergencyOpened => this,
        CabinetLockedDown e => this with { Lockdown = new CabinetLockdown(e.Reason, e.By, e.At) },
        CabinetLockdownLifted => this with { Lockdown = null },
        InterlockSet e => this with { Interlocks = Interlocks.SetItem(e.Group.Name, e.Group) },
        InterlockRemoved e => this with { Interlocks = Interlocks.Remove(e.Name) },
        KeyUnhomed e => this with
        {
            Homes = Homes.Remove(e.Slot), Groups = Groups.Remove(e.Slot), OnlineOnly = OnlineOnly.Remove(e.Slot),
            ReturnAnywhere = ReturnAnywhere.Remove(e.Slot), Questions = Questions.Remove(e.Slot),
        },
        CabinetChanged e => this with { Controller = e.Controller, BusAddress = e.BusAddress, RequiresPin = e.RequiresPin },
        // Registered again later, the cabinet starts afresh: nothing of its earlier life carries over.
        CabinetDecommissioned => Empty(Id) with { Decommissioned = true },
        _ => throw new ArgumentOutOfRangeException(nameof(@event), @event.GetType().Name, "unhandled cabinet event"),
    };
}
