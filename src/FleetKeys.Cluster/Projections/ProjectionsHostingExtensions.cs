using Akka.Actor;
using Akka.Cluster.Hosting;
using Akka.Hosting;
using FleetKeys.Cluster.Persistence;

namespace FleetKeys.Cluster.Projections;

/// <summary>Registry key of the projection supervisor's singleton proxy.</summary>
public sealed class ProjectionSupervisorProxy;

public static class ProjectionsHostingExtensions
{
    /// <summary>
    /// The read side: every projection under one cluster singleton. The journal is polled every 250 ms: Akka's default
    /// second would make lists and live events lag a second behind, and at 100 ms the eight projections and the live
    /// feed's queries alone kept an idle node at 12 % of a core (5 % now). Both intervals matter for the SQL read journal.
    /// Each query asks the journal's sequence actor for the highest ordering first, by default within 1 s: a node starting on
    /// a busy machine missed that, and every projection's stream failed and restarted with an error in the log. The ask is
    /// local, so a longer wait costs nothing when the actor is well.
    /// </summary>
    public static AkkaConfigurationBuilder AddProjections(this AkkaConfigurationBuilder builder, PersistenceSettings persistence)
    {
        var database = new ReadDatabase(persistence);
        return builder
            .AddHocon("""
                akka.persistence.query.journal.sql {
                  refresh-interval = 250ms
                  journal-sequence-retrieval.query-delay = 250ms
                  journal-sequence-retrieval.ask-timeout = 10s
                }
                """, HoconAddMode.Prepend)
            .WithSingleton<ProjectionSupervisorProxy>("projections",
                (_, _, _) => Props.Create(() => new ProjectionSupervisor(database)),
                // Akka's proxy reports "failed to find the singleton after 30 seconds" the moment it starts (its timer's first
                // tick has no delay: akkadotnet/akka.net#8568); a singleton really missing shows in GET /api/v1/projections.
                new ClusterSingletonOptions { LogSingletonIdentificationFailure = false }, createProxyToo: true);
    }
}
