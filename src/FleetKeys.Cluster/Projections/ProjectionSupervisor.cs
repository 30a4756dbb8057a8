using Akka.Actor;
using FleetKeys.Cluster.Notifications;
using FleetKeys.Cluster.Projections.Audit;
using FleetKeys.Cluster.Projections.ReadModels;
using FleetKeys.Cluster.Serialization;
using FleetKeys.Domain;
using FleetKeys.Domain.ReadSide;

namespace FleetKeys.Cluster.Projections;

/// <summary>
/// Runs every projection, as a cluster singleton: each read table has exactly one writer in the cluster, and the
/// singleton moves with its offsets to another node when its node leaves.
/// </summary>
public sealed class ProjectionSupervisor : ReceiveActor
{
    public static IReadOnlyList<IProjection> All(StoredJson json) =>
    [
        new SitesProjection(), new ControllersProjection(), new CabinetsProjection(), new CustodyProjection(),
        new PeopleProjection(), new AlarmsProjection(), new AuditProjection(json), new NotificationsProjection(), new DiscrepanciesProjection(),
    ];

    public ProjectionSupervisor(ReadDatabase database)
    {
        var runners = All(StoredJson.Of(Context.System)).ToDictionary(p => p.Name, p => Context.ActorOf(Props.Create(() => new ProjectionRunner(p, database)), p.Name));

        ReceiveAsync<GetProjectionStatus>(async query =>
        {
            var replyTo = Sender;
            var statuses = await Task.WhenAll(runners.Values.Select(r => r.Ask<ProjectionStatus>(query, TimeSpan.FromSeconds(5))));
            replyTo.Tell(new ProjectionStatuses(statuses));
        });
        Receive<RebuildProjection>(rebuild =>
        {
            if (runners.TryGetValue(rebuild.Name, out var runner)) runner.Forward(rebuild);
            else Sender.Tell(Rejection.Of(RejectionCode.NotFound, $"there is no projection '{rebuild.Name}'"));
        });
    }
}
