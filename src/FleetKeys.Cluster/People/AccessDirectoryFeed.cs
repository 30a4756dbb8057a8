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
    private IReadOnlyDictionary<string, AccessProfile> _directory = AccessDirectoryChange.Empty;

    public AccessDirectoryFeed()
    {
        Receive<Subscribe>(s =>
        {
            if (!_subscribers.Add(s.Subscriber)) return;
            Context.Watch(s.Subscriber);
            s.Subscriber.Tell(AccessDirectoryChange.Between(AccessDirectoryChange.Empty, _directory));
        });
        Receive<Terminated>(t => _subscribers.Remove(t.ActorRef));
        Receive<Changed>(c => c.Key.Equals(AccessDirectory.Key), c => Step(c.Get(AccessDirectory.Key)));
        Receive<GetSuccess>(g => g.Key.Equals(AccessDirectory.Key), g => Step(g.Get(AccessDirectory.Key)));
        Receive<NotFound>(_ => { });
    }

    protected override void PreStart()
    {
        var replicator = DistributedData.Get(Context.System).Replicator;
        replicator.Tell(Dsl.Subscribe(AccessDirectory.Key, Self));
        replicator.Tell(Dsl.Get(AccessDirectory.Key, ReadLocal.Instance));
    }

    private void Step(LWWDictionary<string, AccessProfile> directory)
    {
        var change = AccessDirectoryChange.Between(_directory, directory.Entries);
        _directory = change.Directory;
        if (change.Changed.Count == 0 && change.Removed.Count == 0) return;
        foreach (var subscriber in _subscribers) subscriber.Tell(change);
    }
}
