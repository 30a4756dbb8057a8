using System.Text.Json.Serialization;
using FleetKeys.Domain.Ids;
using FleetKeys.Domain.KeySlots;

namespace FleetKeys.Domain.Cabinets;

public abstract record CabinetEvent(CabinetId Cabinet, DateTimeOffset At) : IFleetKeysMessage;

public sealed record CabinetRegistered(
    CabinetId Cabinet,
    SiteId Site,
    string TimeZoneId,
    ControllerId Controller,
    int BusAddress,
    int SlotCount,
    bool RequiresPin,
    DateTimeOffset At,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? By = null) : CabinetEvent(Cabinet, At);

/// <summary>
/// <c>OnlineOnly</c>: the key needs the cluster to be released (the two-person rule), never a controller alone.
/// <c>Return</c>: where else in the cabinet it may be put back; a key homed before there was a choice reads as its home only.
/// <c>Questions</c>: what the cabinet's display asks about the key (its reasons, its return questions); null when nothing.
/// </summary>
public sealed record KeyHomed(
    CabinetId Cabinet, int Slot, TagId Tag, DateTimeOffset At, KeyGroup? Group = null, bool OnlineOnly = false,
    ReturnRule Return = ReturnRule.HomeSlot, CustodyQuestions? Questions = null)
    : CabinetEvent(Cabinet, At);

/// <summary><c>Site</c>: the cabinet's site when the session opened (null in facts recorded before it was kept).</summary>
public sealed record CabinetSessionOpened(CabinetId Cabinet, SessionId Session, PersonId Person, [property: Personal(Period = "At")] BadgeNumber Badge, DateTimeOffset ExpiresAt, DateTimeOffset At,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] SiteId? Site = null)
    : CabinetEvent(Cabinet, At);

/// <summary>
/// A refused badge; <c>Source</c> is set when the controller refused it offline and uploaded the decision. <c>Site</c>: the
/// cabinet's site then (null in facts recorded before it was kept).
/// </summary>
public sealed record AccessDenied(CabinetId Cabinet, [property: Personal(Period = "At")] BadgeNumber Badge, PersonId? Person, RejectionCode Reason, DateTimeOffset At,
    HardwareEventRef? Source = null, [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] SiteId? Site = null) : CabinetEvent(Cabinet, At), IFromHardware;

public sealed record CabinetSessionClosed(CabinetId Cabinet, SessionId Session, DateTimeOffset At) : CabinetEvent(Cabinet, At);

/// <summary>An event that records a numbered fact from the cabinet's log; the cabinet remembers the latest.</summary>
public interface IFromHardware
{
    HardwareEventRef? Source { get; }
}

public sealed record TagLeftSlot(CabinetId Cabinet, int Slot, TagId Tag, DateTimeOffset At, HardwareEventRef? Source = null)
    : CabinetEvent(Cabinet, At), IFromHardware;

public sealed record TagEnteredSlot(CabinetId Cabinet, int Slot, TagId Tag, DateTimeOffset At, HardwareEventRef? Source = null)
    : CabinetEvent(Cabinet, At), IFromHardware;

public sealed record DoorOpened(CabinetId Cabinet, DateTimeOffset At, HardwareEventRef? Source = null) : CabinetEvent(Cabinet, At), IFromHardware;

public sealed record DoorClosed(CabinetId Cabinet, DateTimeOffset At, HardwareEventRef? Source = null) : CabinetEvent(Cabinet, At), IFromHardware;

/// <summary><c>Site</c>: the cabinet's site then (null in facts recorded before it was kept).</summary>
public sealed record OfflineAccessGranted(CabinetId Cabinet, [property: Personal(Period = "At")] BadgeNumber Badge, PersonId? Person, int Slot, DateTimeOffset At,
    HardwareEventRef? Source = null, [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] SiteId? Site = null)
    : CabinetEvent(Cabinet, At), IFromHardware;

public sealed record CabinetOnline(CabinetId Cabinet, DateTimeOffset At) : CabinetEvent(Cabinet, At);

public sealed record CabinetOffline(CabinetId Cabinet, DateTimeOffset At) : CabinetEvent(Cabinet, At);

/// <summary>
/// A key put back into a slot its return rule does not allow (or a tag homed nowhere in this cabinet); the cabinet guides the
/// user to <c>HomeSlot</c>. The key's custody ends all the same; the alarm stays until the key leaves that slot.
/// </summary>
public sealed record WrongSlotReturn(CabinetId Cabinet, int Slot, TagId Tag, int? HomeSlot, PersonId? ReturnedBy, DateTimeOffset At)
    : CabinetEvent(Cabinet, At);

/// <summary>The cabinet's return groups from now on (ordered, each once): a key whose policy names one of them may be put back here.</summary>
public sealed record ReturnGroupsSet(CabinetId Cabinet, IReadOnlyList<string> Groups, string By, DateTimeOffset At) : CabinetEvent(Cabinet, At);

public sealed record SlotSummaryChanged(CabinetId Cabinet, SlotSummary Summary, DateTimeOffset At) : CabinetEvent(Cabinet, At);
