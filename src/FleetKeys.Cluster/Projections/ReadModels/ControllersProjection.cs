using Akka.Persistence.Query;
using FleetKeys.Cluster.Persistence;
using FleetKeys.Cluster.Projections.Rows;
using FleetKeys.Domain.Controllers;
using FleetKeys.Domain.Ids;
using LinqToDB;
using LinqToDB.Data;

namespace FleetKeys.Cluster.Projections.ReadModels;

/// <summary>Controllers' configuration; which cabinets hang off each is read from the cabinets' own rows.</summary>
public sealed class ControllersProjection() : TaggedProjection("controllers", EventTagger.Controllers)
{
    protected override Task Apply(DataConnection db, EventEnvelope envelope, CancellationToken cancellationToken) => envelope.Event switch
    {
        ControllerRegistered e => Write(db, e.Controller, e.Host, e.Port, e.OfflinePolicy, cancellationToken),
        ControllerChanged e => Write(db, e.Controller, e.Host, e.Port, e.OfflinePolicy, cancellationToken),
        ControllerDecommissioned e => db.GetTable<ControllerRow>().Where(r => r.ControllerId == e.Controller.Value).DeleteAsync(cancellationToken),
        _ => Task.CompletedTask,
    };

    private static Task Write(DataConnection db, ControllerId controller, string host, int port, OfflinePolicy policy, CancellationToken cancellationToken) =>
        db.InsertOrReplaceAsync(new ControllerRow
        {
            ControllerId = controller.Value, Host = host, Port = port, OfflinePolicy = policy.ToString(),
        }, token: cancellationToken);

    public override Task Reset(DataConnection db, CancellationToken cancellationToken) => db.GetTable<ControllerRow>().DeleteAsync(cancellationToken);
}
