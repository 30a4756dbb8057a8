using Akka.Hosting;
using FleetKeys.Cluster.Alarms;
using FleetKeys.Cluster.Cabinets;
using FleetKeys.Cluster.Clustering;
using FleetKeys.Cluster.Controllers;
using FleetKeys.Cluster.Credentials;
using FleetKeys.Cluster.ExternalIds;
using FleetKeys.Cluster.KeyIds;
using FleetKeys.Cluster.KeySlots;
using FleetKeys.Cluster.Notifications;
using FleetKeys.Cluster.People;
using FleetKeys.Cluster.Persistence;
using FleetKeys.Cluster.Projections;
using FleetKeys.Cluster.Reports;
using FleetKeys.Cluster.Scopes;
using FleetKeys.Cluster.Serialization;
using FleetKeys.Cluster.Sites;
using FleetKeys.Cluster.TagHomes;
using FleetKeys.Cluster.Webhooks;

namespace FleetKeys.Cluster;

public static class FleetKeysHostingExtensions
{
    /// <summary>Everything a FleetKeys node runs: cluster, persistence, serialization, the entity regions and the read side.</summary>
    public static AkkaConfigurationBuilder AddFleetKeys(
        this AkkaConfigurationBuilder builder, ClusterSettings cluster, PersistenceSettings persistence) =>
        builder
            .AddFleetKeysSerialization()
            .AddFleetKeysCluster(cluster)
            .AddFleetKeysPersistence(persistence)
            .AddDatabaseWatch()
            .AddSites()
            .AddCredentials()
            .AddPeople()
            .AddKeyIds()
            .AddTagHomes()
            .AddExternalIds()
            .AddKeySlots()
            .AddCabinets()
            .AddControllers()
            .AddInbox()
            .AddAlarms()
            .AddProjections(persistence)
            .AddUnusedBadgeSweep()
            .AddNotifications(persistence)
            .AddReportSubscriptions(persistence)
            .AddAccessScopes();
}
