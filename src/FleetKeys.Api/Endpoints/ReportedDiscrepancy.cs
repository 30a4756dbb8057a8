using FleetKeys.Cluster.Projections;
using FleetKeys.Cluster.Projections.Queries;
using FleetKeys.Domain.Cabinets;

namespace FleetKeys.Api.Endpoints;

/// <summary>
/// One row of the reconciliation report: where (cabinet, its site, slot), what (kind, tag, and the key the tag belongs to:
/// its home slot as on the cabinet, and its id), since when, and — once over — when and how it was resolved.
/// </summary>
public sealed record ReportedDiscrepancy(
    long Id, string CabinetId, string? SiteId, int Slot, DiscrepancyKind Kind, string Tag, string? Key, string? KeyId,
    DateTimeOffset FoundAt, DateTimeOffset? ResolvedAt, DiscrepancyResolution? ResolvedHow)
{
    public static ReportedDiscrepancy Of(ListedDiscrepancy listed)
    {
        var d = listed.Discrepancy;
        return new(d.Ordering, d.CabinetId, listed.SiteId, d.Slot, Enum.Parse<DiscrepancyKind>(d.Kind), d.TagId, d.KeySlotId, listed.KeyId,
            Ticks.Instant(d.FoundAt), Ticks.Instant(d.ResolvedAt), d.ResolvedHow is { } how ? Enum.Parse<DiscrepancyResolution>(how) : null);
    }
}
