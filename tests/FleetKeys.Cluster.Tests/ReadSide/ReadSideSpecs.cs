using FleetKeys.Cluster.Cabinets;
using FleetKeys.Cluster.Tests.Support;
using FleetKeys.Testing;
using Microsoft.Extensions.Time.Testing;

namespace FleetKeys.Cluster.Tests.ReadSide;

/// <summary>The lifetime every read-side spec shares: a fresh database, one node on a fake clock, a fleet to drive, a probe.</summary>
public abstract class ReadSideSpecs<TDatabase> : IAsyncLifetime where TDatabase : TestDatabase, new()
{
    private readonly TDatabase _database = new();

    protected FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 6, 1, 8, 0, 0, TimeSpan.Zero));
    protected TestNode Node { get; private set; } = null!;
    protected Fleet Fleet { get; private set; } = null!;
    protected ReadSideProbe Probe { get; private set; } = null!;
    protected DateTimeOffset Now => Clock.GetUtcNow();

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        Node = await TestNode.StartAsync(_database.Settings, Clock);
        Fleet = new Fleet(Node.Admin);
        Probe = new ReadSideProbe(Node, _database.Settings);
    }

    public async Task DisposeAsync()
    {
        await Node.DisposeAsync();
        await _database.DisposeAsync();
    }

    protected Task<T> AtCabinet<T>(object message) => Node.Ask<T>(Node.Region<CabinetRegion>(), message);
}
