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
    /// journal is asked to publish again. Persons already running answer from memory; the rest recover and publish —
    /// a few at a time, so that the recoveries a first badge needs (its person, credential and cabinet) are not queued
    /// behind tens of thousands of these for the journal's recovery permits.
    /// </summary>
    public static void RebuildFromJournal(ActorSystem system, IActorRef people) =>
        PersistenceQuery.Get(system).ReadJournalFor<SqlReadJournal>(SqlReadJournal.Identifier)
            .CurrentPersistenceIds()
            .Where(id => id.StartsWith("person-", StringComparison.Ordinal))
            .SelectAsyncUnordered(RebuildParallelism, id => people
                .Ask<AccessPublished>(new PublishAccess(PersonId.Parse(id["person-".Length..])), RebuildAskTimeout)
                .ContinueWith(_ => id, TaskContinuationOptions.ExecuteSynchronously))
            .RunWith(Sink.Ignore<string>(), system.Materializer());

    /// <summary>Of <c>akka.persistence.max-concurrent-recoveries</c> (50), this many at most go to the rebuild.</summary>
    private const int RebuildParallelism = 16;

    /// <summary>A person that does not answer in time (a slow recovery) still publishes when it recovers; the rebuild moves on.</summary>
    private static readonly TimeSpan RebuildAskTimeout = TimeSpan.FromSeconds(30);
}
