using Akka.Persistence.Query;
using FleetKeys.Cluster.Persistence;
using FleetKeys.Cluster.Projections.Rows;
using FleetKeys.Domain.Sites;
using LinqToDB;
using LinqToDB.Data;

namespace FleetKeys.Cluster.Projections.ReadModels;

public sealed class SitesProjection() : TaggedProjection("sites", EventTagger.Sites)
{
    protected override async Task Apply(DataConnection db, EventEnvelope envelope, CancellationToken cancellationToken)
    {
        if (envelope.Event is SiteRegistered e)
            await db.InsertOrReplaceAsync(new SiteRow { SiteId = e.Site.Value, Name = e.Name, TimeZone = e.TimeZoneId }, token: cancellationToken);
    }

    public override Task Reset(DataConnection db, CancellationToken cancellationToken) => db.GetTable<SiteRow>().DeleteAsync(cancellationToken);
}
