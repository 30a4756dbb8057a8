using Akka.Actor;
using Akka.Hosting;
using FleetKeys.Cluster.Entities;
using FleetKeys.Domain.Ids;
using FleetKeys.Domain.People;

namespace FleetKeys.Cluster.People;

/// <summary>Registry key of the person shard region.</summary>
public sealed class PersonRegion;

public static class PeopleHostingExtensions
{
    public static AkkaConfigurationBuilder AddPeople(this AkkaConfigurationBuilder builder) =>
        builder.WithEntity<PersonRegion, IPersonMessage>("person", m => m.Person.Value,
                (id, services) => Props.Create<PersonActor>(PersonId.Parse(id), services))
            .WithActors((system, registry) =>
                registry.Register<AccessDirectoryFeedActor>(system.ActorOf(Props.Create<AccessDirectoryFeed>(), "access-directory-feed")))
            .AddStartup((system, registry) => Akka.Cluster.Cluster.Get(system).RegisterOnMemberUp(() =>
                AccessDirectory.RebuildFromJournal(system, registry.Get<PersonRegion>())));
}
