using FleetKeys.Cluster.Projections;
using FleetKeys.Cluster.Projections.Queries;
using FleetKeys.Cluster.Projections.Rows;
using FleetKeys.Domain.Alarms;
using FleetKeys.Domain.KeySlots;
using FleetKeys.Domain.People;
using FleetKeys.Domain.Text;

namespace FleetKeys.Api.Endpoints;

public sealed record ControllerSummary(string Id, string Host, int Port, string OfflinePolicy, int Cabinets)
{
    public static ControllerSummary Of(ControllerListing c) =>
        new(c.Controller.ControllerId, c.Controller.Host, c.Controller.Port, WireNames.CamelCase(c.Controller.OfflinePolicy), c.Cabinets);
}

public sealed record Override(string Reason, string By, DateTimeOffset? Since, DateTimeOffset? Until);

public sealed record CabinetSummary(
    string Id, string SiteId, string ControllerId, int BusAddress, int SlotCount, bool RequiresPin, bool Online, DateTimeOffset? OnlineChangedAt,
    bool DoorOpen, DateTimeOffset? DoorChangedAt, Override? Lockdown, Override? Emergency)
{
    public static CabinetSummary Of(CabinetRow c) => new(
        c.CabinetId, c.SiteId, c.ControllerId, c.BusAddress, c.SlotCount, c.RequiresPin, c.Online, Ticks.Instant(c.OnlineChangedAt),
        c.DoorOpen, Ticks.Instant(c.DoorChangedAt),
        c.LockdownReason is null ? null : new Override(c.LockdownReason, c.LockdownBy!, Ticks.Instant(c.LockdownSince), null),
        c.EmergencyReason is null ? null : new Override(c.EmergencyReason, c.EmergencyBy!, null, Ticks.Instant(c.EmergencyUntil)));
}

public sealed record PersonSummary(
    string Id, string Name, PersonStatus Status, DateTimeOffset? ValidFrom, DateTimeOffset? ValidUntil, int MaxKeys, int Badges, bool HasPin,
    int KeysHeld, string? RevocationReason)
{
    public static PersonSummary Of(PersonRow p) => new(
        p.PersonId, p.Name, Enum.Parse<PersonStatus>(p.Status), Ticks.Instant(p.ValidFrom), Ticks.Instant(p.ValidUntil), p.MaxKeys, p.Badges,
        p.HasPin, p.KeysHeld, p.RevocationReason);
}

/// <summary>
/// A key and its custody now; <c>Overdue</c> is judged against the node's clock when asked. <c>PlacedIn</c>: the slot the
/// key sits in when it was put back somewhere other than its home.
/// </summary>
public sealed record KeyCustody(
    string SlotId, string CabinetId, int Slot, string KeyId, string Name, string Group, Criticality Criticality, string TagId,
    CustodyStatus Status, string? Holder, DateTimeOffset? Since, DateTimeOffset? DueAt, DateTimeOffset? ReleasedUntil, string? LastHolder,
    bool Overdue, string? PlacedIn)
{
    public static KeyCustody Of(CustodyRow k, DateTimeOffset now) => new(
        k.SlotId, k.CabinetId, k.Slot, k.KeyId, k.KeyName, k.KeyGroup, Enum.Parse<Criticality>(k.Criticality), k.TagId,
        Enum.Parse<CustodyStatus>(k.Status), k.Holder, Ticks.Instant(k.Since), Ticks.Instant(k.DueAt), Ticks.Instant(k.ReleasedUntil),
        k.LastHolder, k.Status == nameof(CustodyStatus.Out) && k.DueAt is { } due && due <= now.UtcTicks, k.PlacedIn);
}

public sealed record CustodyEvent(
    long Id, DateTimeOffset At, string Kind, string SlotId, string CabinetId, int Slot, string KeyId, string KeyName, string Group,
    Criticality Criticality, string? PersonId, string? ReturnedBy, DateTimeOffset? DueAt, bool WasOverdue, string? Reason, string? ReleasedBy,
    string? PlacedIn, string? HandedFrom, int? OdometerKm, int? FuelPercent, bool? Damaged, string? AnsweredBy)
{
    public static CustodyEvent Of(CustodyHistoryRow h) => new(
        h.Ordering, Ticks.Instant(h.At), h.Kind, h.SlotId, h.CabinetId, h.Slot, h.KeyId, h.KeyName, h.KeyGroup, Enum.Parse<Criticality>(h.Criticality),
        h.PersonId, h.ReturnedBy, Ticks.Instant(h.DueAt), h.WasOverdue, h.Reason, h.ReleasedBy, h.PlacedIn, h.HandedFrom, h.OdometerKm, h.FuelPercent,
        h.Damaged, h.AnsweredBy);
}

public sealed record AlarmStep(DateTimeOffset At, string By, string? Note);

public sealed record AlarmView(
    long Id, AlarmKind Kind, string State, string? CabinetId, int? Slot, string? PersonId, string Detail, DateTimeOffset RaisedAt,
    int Occurrences, DateTimeOffset LastSeenAt, AlarmStep? Acknowledged, AlarmStep? Cleared, string? ControllerId)
{
    public static AlarmView Of(AlarmRow a) => new(
        a.AlarmId, Enum.Parse<AlarmKind>(a.Kind), a.ClearedAt is not null ? "cleared" : a.AcknowledgedAt is not null ? "acknowledged" : "open",
        a.CabinetId, a.Slot, a.PersonId, a.Detail, Ticks.Instant(a.RaisedAt), a.Occurrences, Ticks.Instant(a.LastSeenAt),
        a.AcknowledgedAt is { } ackAt ? new AlarmStep(Ticks.Instant(ackAt), a.AcknowledgedBy!, a.AcknowledgeNote) : null,
        a.ClearedAt is { } clearAt ? new AlarmStep(Ticks.Instant(clearAt), a.ClearedBy!, a.ClearNote) : null, a.ControllerId);
}

public sealed record HeldByInactiveView(KeyCustody Key, PersonSummary Person)
{
    public static HeldByInactiveView Of(HeldByInactive h, DateTimeOffset now) => new(KeyCustody.Of(h.Key, now), PersonSummary.Of(h.Person));
}
