using System.Collections.Concurrent;
using Akka.Actor;
using Akka.Cluster;
using Akka.Cluster.Sharding;
using Akka.Hosting;
using FleetKeys.Cluster.Cabinets;
using FleetKeys.Cluster.Controllers;
using FleetKeys.Cluster.KeySlots;
using FleetKeys.Domain.Cabinets;
using FleetKeys.Domain.Controllers;
using FleetKeys.Domain.Ids;
using FleetKeys.Domain.KeySlots;

namespace FleetKeys.Management.Fleet;

/// <summary>What the directory found, and the members that did not answer (then the listing is incomplete, and says so).</summary>
public sealed record Listing<T>(IReadOnlyList<T> Items, IReadOnlyList<string> Unanswered);

/// <summary>
/// Lists the fleet without a read side: controllers are remembered entities, so every one that was ever addressed runs
/// on some member; each member's controller region says which, and each controller names its cabinets. Exact, at one
/// ask per entity — fine for an operator's command; lists for screens belong to the read-side projections.
/// </summary>
public sealed class FleetDirectory(ActorSystem system, IActorRegistry registry)
{
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(5);

    /// <summary>Enough to keep a large fleet's asks flowing without waking thousands of entities at once.</summary>
    private const int Parallelism = 32;

    /// <summary>Every controller with a configuration or a cabinet (a cabinet may be attached before its controller is registered).</summary>
    public async Task<Listing<ControllerDetails>> Controllers(CancellationToken cancellationToken)
    {
        var region = registry.Get<ControllerRegion>();
        var state = Akka.Cluster.Cluster.Get(system).State;
        var members = state.Members.Where(m => m.Status is MemberStatus.Up or MemberStatus.Leaving).ToList();
        var unanswered = new ConcurrentBag<string>(state.Unreachable.Select(m => m.Address.ToString()));
        var ids = new ConcurrentBag<string>();
        await Parallel.ForEachAsync(members.Where(m => !state.Unreachable.Contains(m)), cancellationToken, async (member, ct) =>
        {
            var remoteRegion = system.ActorSelection(new RootActorPath(member.Address) / region.Path.Elements);
            try
            {
                var shards = await remoteRegion.Ask<CurrentShardRegionState>(GetShardRegionState.Instance, AskTimeout, ct);
                foreach (var id in shards.Shards.SelectMany(s => s.EntityIds)) ids.Add(id);
            }
            catch (AskTimeoutException)
            {
                unanswered.Add(member.Address.ToString());
            }
        });

        var controllers = await Each(ids.Distinct().Order(StringComparer.Ordinal),
            id => region.Ask<ControllerDetails>(new GetController(ControllerId.Parse(id)), AskTimeout, cancellationToken), cancellationToken);
        return new Listing<ControllerDetails>([.. controllers.Where(c => c.Registered || !c.Cabinets.IsEmpty)], [.. unanswered.Order()]);
    }

    public async Task<Listing<CabinetDetails>> Cabinets(CancellationToken cancellationToken)
    {
        var controllers = await Controllers(cancellationToken);
        var region = registry.Get<CabinetRegion>();
        var cabinets = await Each(controllers.Items.SelectMany(c => c.Cabinets.Values.Select(a => a.Cabinet)).Distinct(),
            id => region.Ask<CabinetDetails>(new GetCabinet(id), AskTimeout, cancellationToken), cancellationToken);
        return new Listing<CabinetDetails>([.. cabinets.Where(c => c.Registered).OrderBy(c => c.Id.Value, StringComparer.Ordinal)],
            controllers.Unanswered);
    }

    public Task<IReadOnlyList<KeySlotDetails>> Custody(IEnumerable<SlotId> slots, CancellationToken cancellationToken)
    {
        var region = registry.Get<KeySlotRegion>();
        return Each(slots, slot => region.Ask<KeySlotDetails>(new GetCustody(slot), AskTimeout, cancellationToken), cancellationToken);
    }

    public Task<IReadOnlyList<DriverStatus>> Drivers(IEnumerable<ControllerId> controllers, CancellationToken cancellationToken)
    {
        var region = registry.Get<ControllerRegion>();
        return Each(controllers, id => region.Ask<DriverStatus>(new GetDriverStatus(id), AskTimeout, cancellationToken), cancellationToken);
    }

    private static async Task<IReadOnlyList<TOut>> Each<TIn, TOut>(IEnumerable<TIn> items, Func<TIn, Task<TOut>> ask, CancellationToken cancellationToken)
    {
        var indexed = items.Select((item, i) => (item, i)).ToList();
        var results = new TOut[indexed.Count];
        await Parallel.ForEachAsync(indexed, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken },
            async (entry, _) => results[entry.i] = await ask(entry.item));
        return results;
    }
}
