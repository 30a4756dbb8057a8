using Akka.Persistence.Query;
using FleetKeys.Cluster.Persistence;
using FleetKeys.Cluster.Projections.Rows;
using FleetKeys.Domain.Cabinets;
using LinqToDB;
using LinqToDB.Data;

namespace FleetKeys.Cluster.Projections.ReadModels;

/// <summary>
/// The reconciliation report's rows: every inventory discrepancy a cabinet found, from when it arose, and when and how it
/// was resolved. A discrepancy found again after it was resolved is a new row.
/// </summary>
public sealed class DiscrepanciesProjection() : TaggedProjection("discrepancies", EventTagger.Cabinets)
{
    protected override Task Apply(DataConnection db, EventEnvelope envelope, CancellationToken cancellationToken) => envelope.Event switch
    {
        InventoryDiscrepancyFound e => db.InsertAsync(new DiscrepancyRow
        {
            Ordering = envelope.Ordering(), CabinetId = e.Cabinet.Value, Slot = e.Discrepancy.Slot, Kind = e.Discrepancy.Kind.ToString(),
            TagId = e.Discrepancy.Tag.Value, KeySlotId = e.Discrepancy.Key?.Value, FoundAt = Ticks.Of(e.Discrepancy.Since),
        }, token: cancellationToken),
        InventoryDiscrepancyResolved e => Open(db, e.Cabinet.Value, e.Discrepancy)
            .Set(r => r.ResolvedAt, Ticks.Of(e.At)).Set(r => r.ResolvedHow, e.How?.ToString())
            .UpdateAsync(cancellationToken),
        _ => Task.CompletedTask,
    };

    private static IQueryable<DiscrepancyRow> Open(DataConnection db, string cabinet, InventoryDiscrepancy d)
    {
        var (kind, tag) = (d.Kind.ToString(), d.Tag.Value);
        return db.GetTable<DiscrepancyRow>()
            .Where(r => r.CabinetId == cabinet && r.Slot == d.Slot && r.Kind == kind && r.TagId == tag && r.ResolvedAt == null);
    }

    public override Task Reset(DataConnection db, CancellationToken cancellationToken) => db.GetTable<DiscrepancyRow>().DeleteAsync(cancellationToken);
}
