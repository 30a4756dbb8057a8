using Akka.Actor;
using Akka.Discovery;
using Akka.Event;

namespace FleetKeys.Cluster.Clustering;

/// <summary>
/// Asks discovery for the service's nodes every LookupInterval until this node is a member, and joins the seeds
/// <see cref="DiscoveredSeeds"/> settles on (again, should they settle on another set before the node gets in). It
/// only moves answers and timers; the rule is in <see cref="DiscoveredSeeds"/>.
/// </summary>
public sealed class DiscoveryJoin : ReceiveActor, IWithTimers
{
    /// <summary>A lookup that takes longer is given up and asked again (the Kubernetes API may hang).</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private sealed record Tick;
    private sealed record Found(IReadOnlyList<Address>? Nodes, string? Failure);
    private sealed record BecameMember;

    private readonly ClusterSettings _settings;
    private readonly ServiceDiscovery _discovery;
    private readonly Lookup _lookup;
    private readonly Akka.Cluster.Cluster _cluster = Akka.Cluster.Cluster.Get(Context.System);
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private DiscoveredSeeds _seeds;
    private string? _lastFailure;
    private bool _looking;

    public DiscoveryJoin(ClusterSettings settings, ServiceDiscovery discovery)
    {
        _settings = settings;
        _discovery = discovery;
        var options = settings.Discovery;
        _lookup = new Lookup(options.ServiceName, options.Method == DiscoveryMethod.Kubernetes ? options.PortName : null, "tcp");
        _seeds = new DiscoveredSeeds(options.RequiredContactPoints, options.StableMargin);
        Receive<Tick>(_ => !_looking, _ => Look());
        Receive<Tick>(_ => { });
        Receive<Found>(OnFound);
        Receive<BecameMember>(_ => OnMember());
    }

    public ITimerScheduler Timers { get; set; } = null!;

    protected override void PreStart()
    {
        var self = Self;
        _cluster.RegisterOnMemberUp(() => self.Tell(new BecameMember()));
        Timers.StartPeriodicTimer("lookup", new Tick(), TimeSpan.Zero, _settings.Discovery.LookupInterval);
    }

    private void Look()
    {
        _looking = true;
        Task<ServiceDiscovery.Resolved> asked;
        try
        {
            asked = _discovery.Lookup(_lookup, Patience);
        }
        catch (Exception e)
        {
            // A discovery that throws instead of failing its task (a missing method, say) is a failed lookup, not a crash.
            asked = Task.FromException<ServiceDiscovery.Resolved>(e);
        }

        asked.WaitAsync(Patience).ContinueWith(t => t.IsCompletedSuccessfully
                ? new Found([.. (t.Result.Addresses ?? []).Select(a => DiscoveredSeeds.AddressOf(a.Host, a.Port, _settings))], null)
                : new Found(null, t.Exception?.GetBaseException().Message ?? "cancelled"),
            TaskContinuationOptions.ExecuteSynchronously).PipeTo(Self);
    }

    private void OnFound(Found found)
    {
        _looking = false;
        if (found.Nodes is null)
        {
            // Said once per reason, not every interval.
            if (found.Failure != _lastFailure)
                _log.Warning("Looking up the cluster's nodes ({0} discovery of '{1}') failed: {2}; asking again every {3}",
                    _settings.Discovery.Method, _lookup.ServiceName, found.Failure, _settings.Discovery.LookupInterval);
            _lastFailure = found.Failure;
            return;
        }

        _lastFailure = null;
        var before = _seeds.Found;
        (_seeds, var seeds) = _seeds.Observe(found.Nodes, Context.System.Scheduler.Now);
        if (!ReferenceEquals(before, _seeds.Found))
            _log.Info("{0} discovery of '{1}' found {2} node(s): {3}", _settings.Discovery.Method, _lookup.ServiceName, _seeds.Found!.Count,
                string.Join(", ", _seeds.Found));
        if (seeds is null) return;
        _log.Info("Joining the cluster through the discovered nodes {0}; {1} forms it if none of them is a member yet",
            string.Join(", ", seeds), seeds[0]);
        _cluster.JoinSeedNodes(seeds);
    }

    private void OnMember()
    {
        _log.Info("{0} joined the cluster found through discovery; members: {1}",
            _cluster.SelfAddress, string.Join(", ", _cluster.State.Members.Select(m => m.Address)));
        Context.Stop(Self);
    }
}
