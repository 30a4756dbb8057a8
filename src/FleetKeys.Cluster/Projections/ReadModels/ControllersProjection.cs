using Akka.Persistence.Query;
using FleetKeys.Cluster.Persistence;
using FleetKeys.Cluster.Projections.Rows;
using FleetKeys.Domain.Controllers;
using LinqToDB;
using LinqToDB.Data;

namespace FleetKeys.Cluster.Projections.ReadModels;

/// <summary>Controllers' configuration; which cabinets hang off each is read from the cabinets' own rows.</summary>
public sealed class ControllersProjection() : TaggedProjection("controllers", EventTagger.Controllers)
{
    protected override async Task Apply(DataConnection db, EventEnvelope envelope, CancellationToken cancellationToken)
    {
        if (envelope.Event is ControllerRegistered e)
            await db.InsertOrReplaceAsync(new ControllerRow
            {
                ControllerId = e.Controller.Value, Host = e.Host, Port = e.Port, OfflinePolicy = e.OfflinePolicy.ToString(),
            }, token: cancellationToken);
    }

    public override Task Reset(DataConnection db, CancellationToken cancellationToken) => db.GetTable<ControllerRow>().DeleteAsync(cancellationToken);
}
