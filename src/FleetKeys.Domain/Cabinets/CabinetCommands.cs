using System.Text.Json.Serialization;
using FleetKeys.Domain.Ids;
using FleetKeys.Domain.KeySlots;
using FleetKeys.Domain.TagHomes;

namespace FleetKeys.Domain.Cabinets;

public interface ICabinetMessage : IFleetKeysMessage
{
    CabinetId Cabinet { get; }
}

public abstract record CabinetCommand(CabinetId Cabinet, DateTimeOffset At) : ICabinetMessage;

public sealed record RegisterCabinet(
    CabinetId Cabinet,
    SiteId Site,
    string TimeZoneId,
    ControllerId Controller,
    int BusAddress,
    int SlotCount,
    bool RequiresPin,
    DateTimeOffset At,
    string? By = null) : CabinetCommand(Cabinet, At);

/// <summary>
/// Records which tag belongs in which slot and where else it may be put back (<c>Return</c>), so returns can be told from
/// wrong-slot returns, the key's group, so the controller's offline allow-list can say which slots a person may open, and
/// what the display asks about the key.
/// </summary>
public sealed record HomeKey(
    CabinetId Cabinet, int Slot, TagId Tag, DateTimeOffset At, KeyGroup? Group = null, bool OnlineOnly = false,
    ReturnRule Return = ReturnRule.HomeSlot, CustodyQuestions? Questions = null)
    : CabinetCommand(Cabinet, At);

public sealed record RecordSessionOpened(CabinetId Cabinet, SessionId Session, PersonId Person, BadgeNumber Badge, DateTimeOffset ExpiresAt, DateTimeOffset At)
    : CabinetCommand(Cabinet, At);

public sealed record RecordAccessDenied(CabinetId Cabinet, BadgeNumber Badge, PersonId? Person, RejectionCode Reason, DateTimeOffset At)
    : CabinetCommand(Cabinet, At);

/// <summary>A command that reports a numbered fact from the cabinet's event log (null <c>Source</c>: a live, unnumbered report).</summary>
public interface IHardwareReport
{
    HardwareEventRef? Source { get; }
}

public sealed record ReportTagRemoved(CabinetId Cabinet, int Slot, TagId Tag, DateTimeOffset At, HardwareEventRef? Source = null)
    : CabinetCommand(Cabinet, At), IHardwareReport;

public sealed record ReportTagInserted(CabinetId Cabinet, int Slot, TagId Tag, DateTimeOffset At, HardwareEventRef? Source = null)
    : CabinetCommand(Cabinet, At), IHardwareReport
{
    /// <summary>
    /// For a tag this cabinet homes no key of: where the tag directory says its key is homed, looked up by the shell before
    /// the cabinet decides, so a key of one of this cabinet's return groups is a return rather than a wrong-slot one.
    /// </summary>
    public TagHomeState? HomedElsewhere { get; init; }
}

/// <summary>The named return groups this cabinet belongs to (replacing the ones before); an empty list leaves every group.</summary>
public sealed record SetReturnGroups(CabinetId Cabinet, IReadOnlyList<string> Groups, string By, DateTimeOffset At) : CabinetCommand(Cabinet, At);

public sealed record ReportDoor(CabinetId Cabinet, bool Open, DateTimeOffset At, HardwareEventRef? Source = null)
    : CabinetCommand(Cabinet, At), IHardwareReport;

/// <summary>
/// A decision the controller took on its own while cut off from the cluster, uploaded later. A grant of a slot
/// becomes that slot's release (the key may already be out); a denial is recorded like any other.
/// </summary>
public sealed record RecordOfflineAccess(
    CabinetId Cabinet,
    BadgeNumber Badge,
    PersonId? Person,
    int Slot,
    bool Granted,
    RejectionCode? Reason,
    DateTimeOffset At,
    HardwareEventRef? Source = null) : CabinetCommand(Cabinet, At), IHardwareReport;

/// <summary>From the driver: the cabinet answers (online) or stopped answering (offline).</summary>
public sealed record ReportConnectivity(CabinetId Cabinet, bool Online, DateTimeOffset At) : CabinetCommand(Cabinet, At);

public sealed record EndSession(CabinetId Cabinet, SessionId Session, DateTimeOffset At) : CabinetCommand(Cabinet, At);

public sealed record UpdateSlotSummary(CabinetId Cabinet, SlotSummary Summary, DateTimeOffset At) : CabinetCommand(Cabinet, At);

/// <summary>From the controller: a badge (and PIN) at the reader. The cabinet resolves it and asks the person.</summary>
public sealed record PresentBadge(CabinetId Cabinet, BadgeNumber Badge, [property: Secret] string? Pin, DateTimeOffset At) : ICabinetMessage
{
    public override string ToString() => $"PresentBadge {{ Cabinet = {Cabinet}, Badge = {Badge}, PinGiven = {Pin is not null}, At = {At:O} }}";
}

/// <summary>The person at the cabinet chose the key in <c>Slot</c>, with the number of the reason they chose when the key lists reasons.</summary>
public sealed record SelectKey(CabinetId Cabinet, SessionId Session, int Slot, DateTimeOffset At, int? Reason = null) : ICabinetMessage;

/// <summary>
/// From the control room: release the key in <c>Slot</c> to a named person who is not at the cabinet. The cabinet decides it
/// as it decides a key chosen at it — its own rules first, then the slot's and the person's — and moves the lock itself.
/// </summary>
public sealed record ReleaseRemotely(CabinetId Cabinet, int Slot, PersonId Person, string Reason, string By, DateTimeOffset At) : ICabinetMessage;

/// <summary>
/// A handover of the key homed in <c>Slot</c> to <c>To</c>, from the control room (<c>From</c> null: whoever holds it) or
/// from the holder at this cabinet. The cabinet adds its site and holidays for the receiver's schedule; the slot decides.
/// </summary>
public sealed record HandOverKeyAt(CabinetId Cabinet, int Slot, PersonId? From, PersonId To, HandoverOrigin Origin, DateTimeOffset At)
    : ICabinetMessage, IAsk<KeySlotDetails>;

public sealed record GetCabinet(CabinetId Cabinet) : ICabinetMessage;

/// <summary>
/// Starts the cabinet if it is not running, so it re-arms its slots' deadlines after a crash. No reply. A controller that
/// wakes its cabinets names itself and the bus address it has the cabinet at, so a cabinet since wired elsewhere or
/// decommissioned can tell it again to let the address go.
/// </summary>
public sealed record WakeCabinet(CabinetId Cabinet, ControllerId? Controller = null, int? BusAddress = null) : ICabinetMessage;

/// <summary>
/// From a key slot whose release a revocation voided (persisted already): the cabinet has its controller's driver lock the
/// slot, which confirms the lock to the person of revocation <c>Revision</c>. No reply; the person repeats until confirmed.
/// <c>SitsIn</c>: where the key sits when it was put back elsewhere than its home <c>Slot</c> — possibly another cabinet of
/// its return group, whose lock the release opened: that cabinet closes it.
/// </summary>
public sealed record RelockSlot(SlotId Slot, PersonId Person, int Revision, SlotId? SitsIn = null) : ICabinetMessage
{
    [JsonIgnore]
    public CabinetId Cabinet => (SitsIn ?? Slot).Cabinet;
}
