using System.Collections.Immutable;
using Akka.Actor;
using Akka.DistributedData;
using FleetKeys.Domain.People;

namespace FleetKeys.Cluster.People;

/// <summary>Registry key of this node's <see cref="AccessDirectoryFeed"/>.</summary>
public sealed class AccessDirectoryFeedActor;

/// <summary>
/// Watches the replicated access directory once for the whole node and tells each subscriber what changed, in order:
/// first everything (as a change from the empty directory), then each step. Diffing once here instead of in every driver
/// is what lets a node drive thousands of cabinets against tens of thousands of people.
/// </summary>
public sealed class AccessDirectoryFeed : ReceiveActor
{
    public sealed record Subscribe(IActorRef Subscriber);

    private readonly HashSet<IActorRef> _subscribers = [];
    private readonly Dictionary<IKey, IReadOnlyDictionary<string, AccessProfile>> _partitions = [];
    private ImmutableDictionary<string, AccessProfile> _directory = ImmutableDictionary<string, AccessProfile>.Empty;
    private AccessPlaces _places = AccessPlaces.None;

    public AccessDirectoryFeed()
    {
        Receive<Subscribe>(s =>
        {
            if (!_subscribers.Add(s.Subscriber)) return;
            Context.Watch(s.Subscriber);
            s.Subscriber.Tell(new AccessDirectoryChange(_directory, _places, [.. _directory.Values], []));
        });
        Receive<Terminated>(t => { _subscribers.Remove(t.ActorRef); });
        Receive<Changed>(c => c.Data is LWWDictionary<string, AccessProfile>, c => Step(c.Key, (LWWDictionary<string, AccessProfile>)c.Data));
        Receive<GetSuccess>(g => g.Data is LWWDictionary<string, AccessProfile>, g => Step(g.Key, (LWWDictionary<string, AccessProfile>)g.Data));
        Receive<NotFound>(_ => { });
    }

    protected override void PreStart()
    {
        var replicator = DistributedData.Get(Context.System).Replicator;
        foreach (var key in AccessDirectory.Keys)
        {
            replicator.Tell(Dsl.Subscribe(key, Self));
            replicator.Tell(Dsl.Get(key, ReadLocal.Instance));
        }
    }

    private void Step(IKey key, LWWDictionary<string, AccessProfile> partition)
    {
        var after = partition.Entries;
        var (changed, removed) = AccessDirectoryChange.Between(_partitions.GetValueOrDefault(key, AccessDirectoryChange.Empty), after);
        _partitions[key] = after;
        if (changed.Count == 0 && removed.Count == 0) return;
        foreach (var profile in changed) _places = _places.Moved(_directory.GetValueOrDefault(profile.Person.Value), profile);
        foreach (var person in removed) _places = _places.Moved(_directory.GetValueOrDefault(person), null);
        _directory = _directory.SetItems(changed.Select(p => KeyValuePair.Create(p.Person.Value, p))).RemoveRange(removed);
        var change = new AccessDirectoryChange(_directory, _places, changed, removed);
        foreach (var subscriber in _subscribers) subscriber.Tell(change);
    }
}
