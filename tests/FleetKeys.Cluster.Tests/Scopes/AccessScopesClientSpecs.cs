using Akka.Hosting;
using FleetKeys.Cluster.Entities;
using FleetKeys.Cluster.Scopes;
using FleetKeys.Domain.Scopes;
using Microsoft.Extensions.Time.Testing;

namespace FleetKeys.Cluster.Tests.Scopes;

/// <summary>
/// The node's copy of the grants: every request's check reads it, so requests that find it stale together ask the singleton
/// once between them, and a copy older than its freshness is read again.
/// </summary>
public sealed class AccessScopesClientSpecs : Akka.TestKit.Xunit2.TestKit
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 6, 1, 8, 0, 0, TimeSpan.Zero));
    private readonly Akka.TestKit.TestProbe _singleton;
    private readonly AccessScopesClient _client;

    public AccessScopesClientSpecs()
    {
        _singleton = CreateTestProbe();
        var registry = new ActorRegistry();
        registry.Register<AccessScopesSingleton>(_singleton.Ref);
        // Reading the grants asks nothing of the fleet's other entities.
        _client = new AccessScopesClient(registry, _clock, new EntitySettings(), admin: null!);
    }

    [Fact]
    public async Task Requests_that_find_the_copy_stale_together_share_one_read_of_the_singleton()
    {
        var reads = Enumerable.Range(0, 5).Select(_ => _client.Current()).ToList();
        _singleton.ExpectMsg<GetAccessScopes>();
        var state = AccessScopesState.Empty with { Regions = [new Region(new RegionId("north"), "North", [])] };
        _singleton.Reply(state);

        var answers = await Task.WhenAll(reads);

        Assert.All(answers, a => Assert.Same(state, a));
        // Each Ask is told to the singleton as it is made: a second read would be queued already.
        Assert.False(_singleton.HasMessages);
    }

    [Fact]
    public async Task A_copy_is_read_again_once_it_is_older_than_its_freshness()
    {
        var state = AccessScopesState.Empty;
        var first = _client.Current();
        _singleton.ExpectMsg<GetAccessScopes>();
        _singleton.Reply(state);
        await first;

        Assert.Same(state, await _client.Current());
        Assert.False(_singleton.HasMessages);
        _clock.Advance(AccessScopesClient.Freshness);
        var later = _client.Current();
        _singleton.ExpectMsg<GetAccessScopes>();
        _singleton.Reply(AccessScopesState.Empty);
        await later;
    }
}
