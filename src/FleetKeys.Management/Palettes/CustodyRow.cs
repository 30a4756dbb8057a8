using FleetKeys.Domain.KeySlots;

namespace FleetKeys.Management.Palettes;

/// <summary>One key's custody as every fleet and custody command lists it.</summary>
public sealed record CustodyRow(
    string Slot, string? Key, string? Name, Criticality? Criticality, CustodyStatus Status, string? Holder, DateTimeOffset? Since,
    DateTimeOffset? DueAt, bool Overdue)
{
    public static CustodyRow Of(KeySlotDetails s, DateTimeOffset now) => new(
        s.Slot.Value, s.Key?.Id.Value, s.Key?.Name, s.Key?.Criticality, s.Status, s.Holder?.Value, s.Since, s.DueAt, s.IsOverdue(now));
}
