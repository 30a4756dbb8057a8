using FleetKeys.Testing;
using Microsoft.Extensions.Time.Testing;

namespace FleetKeys.Node.Tests.ReadSide;

/// <summary>One node per test class and database, on a clock the tests move (overdue keys without waiting for them).</summary>
public sealed class ClockedNodeFixture<TDatabase> : IAsyncLifetime where TDatabase : TestDatabase, new()
{
    public TDatabase Database { get; } = new();

    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    public NodeApp Node { get; private set; } = null!;

    public Floor Floor { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Database.InitializeAsync();
        Node = await NodeApp.StartAsync(Database.Settings, Clock);
        Floor = new Floor(Node, Clock);
    }

    public async Task DisposeAsync()
    {
        await Node.DisposeAsync();
        await Database.DisposeAsync();
    }
}
