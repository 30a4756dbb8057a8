using System.Diagnostics;
using Akka.Actor;
using Akka.Cluster;
using Akka.DistributedData;
using Akka.Event;
using Akka.Hosting;
using Akka.Persistence.Query;
using Akka.Persistence.Sql.Query;
using Akka.Streams;
using Akka.Streams.Dsl;
using FleetKeys.Cluster.Entities;
using FleetKeys.Cluster.Persistence;
using FleetKeys.Domain.Ids;
using FleetKeys.Domain.People;

namespace FleetKeys.Cluster.People;

/// <summary>
/// The replicated credential directory: every person's <see cref="AccessProfile"/>, held in distributed data on every
/// node, from which drivers build their controllers' offline allow-lists. Each person writes only its own entry, so
/// last-writer-wins never has two writers to reconcile.
/// </summary>
/// <remarks>
/// The directory is split over <see cref="Partitions"/> keys by a stable hash of the person. The replicator digests
/// (serializes) a key's whole value at every update it has subscribers for, and gossips whole values between nodes:
/// one key for 20,000 people made each publish cost the whole directory.
/// </remarks>
public static class AccessDirectory
{
    public const int Partitions = 256;

    public static readonly IReadOnlyList<LWWDictionaryKey<string, AccessProfile>> Keys =
        [.. Enumerable.Range(0, Partitions).Select(n => new LWWDictionaryKey<string, AccessProfile>($"fleetkeys-access-{n:D3}"))];

    /// <summary>FNV-1a of the id: the same partition on every node and in every process (string hash codes are per process).</summary>
    public static LWWDictionaryKey<string, AccessProfile> KeyOf(PersonId person)
    {
        var hash = 2166136261u;
        foreach (var c in person.Value) hash = (hash ^ c) * 16777619u;
        return Keys[(int)(hash % Partitions)];
    }

    public static void Publish(ActorSystem system, AccessProfile profile)
    {
        var data = DistributedData.Get(system);
        data.Replicator.Tell(Dsl.Update(KeyOf(profile.Person), LWWDictionary<string, AccessProfile>.Empty, WriteLocal.Instance,
            directory => directory.SetItem(Akka.Cluster.Cluster.Get(system), profile.Person.Value, profile)),
            // A local write needs no answer: without a sender its UpdateSuccess would be logged as a dead letter.
            ActorRefs.Nobody);
    }

    /// <summary>The person's entry in this node's replica of the directory; null when it holds none.</summary>
    public static async Task<AccessProfile?> Held(ActorSystem system, PersonId person, TimeSpan timeout)
    {
        var key = KeyOf(person);
        var answer = await DistributedData.Get(system).Replicator.Ask<IGetResponse>(Dsl.Get(key, ReadLocal.Instance), timeout);
        return answer is GetSuccess found && found.Get(key).TryGetValue(person.Value, out var profile) ? profile : null;
    }

    /// <summary>
    /// Distributed data lives in memory: after the whole cluster was down the directory is empty, so every person in the
    /// journal is asked to publish again. Persons already running answer from memory; the rest recover and publish —
    /// a few at a time, so that the recoveries a first badge needs (its person, credential and cabinet) are not queued
    /// behind tens of thousands of these for the journal's recovery permits.
    /// </summary>
    public static void RebuildFromJournal(ActorSystem system, IActorRef people)
    {
        var started = Stopwatch.GetTimestamp();
        ReadJournals.Open(system)
            .CurrentPersistenceIds()
            // A stream element is never null: the ids of other entities are dropped here, not mapped to "no person".
            .SelectMany(id => PersistenceIds.PersonOf(id) is { } person ? [person] : Array.Empty<PersonId>())
            .SelectAsyncUnordered(RebuildParallelism, person => people
                .Ask<AccessPublished>(new PublishAccess(person), RebuildAskTimeout)
                .ContinueWith(_ => person, TaskContinuationOptions.ExecuteSynchronously))
            .RunWith(Sink.Aggregate<PersonId, int>(0, (n, _) => n + 1), system.Materializer())
            .ContinueWith(t =>
            {
                var log = Logging.GetLogger(system, typeof(AccessDirectory));
                if (t.IsCompletedSuccessfully)
                    log.Info("Access directory rebuilt from the journal: {0} people asked in {1:F1} s", t.Result, Stopwatch.GetElapsedTime(started).TotalSeconds);
                else log.Error(t.Exception, "Access directory rebuild failed after {0:F1} s; the next start tries again", Stopwatch.GetElapsedTime(started).TotalSeconds);
            });
    }

    /// <summary>Of <c>akka.persistence.max-concurrent-recoveries</c> (50), this many at most go to the rebuild.</summary>
    private const int RebuildParallelism = 16;

    /// <summary>A person that does not answer in time (a slow recovery) still publishes when it recovers; the rebuild moves on.</summary>
    private static readonly TimeSpan RebuildAskTimeout = TimeSpan.FromSeconds(30);
}
