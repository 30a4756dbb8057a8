using Akka.Actor;
using Akka.Cluster;
using Akka.DistributedData;
using Akka.Hosting;
using Akka.Persistence.Query;
using Akka.Persistence.Sql.Query;
using Akka.Streams;
using Akka.Streams.Dsl;
using FleetKeys.Domain.Ids;
using FleetKeys.Domain.People;

namespace FleetKeys.Cluster.People;

/// <summary>
/// The replicated credential directory: every person's <see cref="AccessProfile"/>, held in distributed data on every
/// node, from which drivers build their controllers' offline allow-lists. Each person writes only its own entry, so
/// last-writer-wins never has two writers to reconcile.
/// </summary>
public static class AccessDirectory
{
    public static readonly LWWDictionaryKey<string, AccessProfile> Key = new("fleetkeys-access");

    public static void Publish(ActorSystem system, AccessProfile profile)
    {
        var data = DistributedData.Get(system);
        data.Replicator.Tell(Dsl.Update(Key, LWWDictionary<string, AccessProfile>.Empty, WriteLocal.Instance,
            directory => directory.SetItem(Akka.Cluster.Cluster.Get(system), profile.Person.Value, profile)), ActorRefs.NoSender);
    }

    /// <summary>
    /// Distributed data lives in memory: after the whole cluster was down the directory is empty, so every person in the
    /// journal is asked to publish again. Persons already running answer from memory; the rest recover and publish.
    /// </summary>
    public static void RebuildFromJournal(ActorSystem system, IActorRef people) =>
        PersistenceQuery.Get(system).ReadJournalFor<SqlReadJournal>(SqlReadJournal.Identifier)
            .CurrentPersistenceIds()
            .Where(id => id.StartsWith("person-", StringComparison.Ordinal))
            .RunForeach(id => people.Tell(new PublishAccess(PersonId.Parse(id["person-".Length..]))), system.Materializer());
}
