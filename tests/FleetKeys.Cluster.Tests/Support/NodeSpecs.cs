using FleetKeys.Cluster.Cabinets;
using FleetKeys.Cluster.Entities;
using FleetKeys.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace FleetKeys.Cluster.Tests.Support;

/// <summary>
/// Specs on one real node and a real database (a subclass per database), with the clock moved by hand; the node can be
/// restarted on the same database.
/// </summary>
public abstract class NodeSpecs<TDatabase>(EntitySettings? entities = null) : IAsyncLifetime where TDatabase : TestDatabase, new()
{
    protected TDatabase Database { get; } = new();

    protected FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 6, 1, 8, 0, 0, TimeSpan.Zero));

    protected TestNode Node { get; private set; } = null!;

    protected Fleet Fleet { get; private set; } = null!;

    protected DateTimeOffset Now => Clock.GetUtcNow();

    public async Task InitializeAsync()
    {
        await Database.InitializeAsync();
        await StartNode();
    }

    public async Task DisposeAsync()
    {
        await Node.DisposeAsync();
        await Database.DisposeAsync();
    }

    protected async Task RestartNode()
    {
        await Node.DisposeAsync();
        await StartNode();
    }

    private async Task StartNode()
    {
        Node = await TestNode.StartAsync(Database.Settings, Clock, entities: entities, services: AddServices);
        Fleet = new Fleet(Node.Admin);
    }

    /// <summary>Services the specs' node has beyond a test node's own (e.g. a key store, so it seals personal fields).</summary>
    protected virtual void AddServices(IServiceCollection services)
    {
    }

    protected Task<T> AtCabinet<T>(object message) => Node.Ask<T>(Node.Region<CabinetRegion>(), message);
}
