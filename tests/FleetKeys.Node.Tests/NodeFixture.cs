using FleetKeys.Testing;

namespace FleetKeys.Node.Tests;

/// <summary>One node per test class and database; tests use unique ids, so they can share it.</summary>
public sealed class NodeFixture<TDatabase> : IAsyncLifetime where TDatabase : TestDatabase, new()
{
    public TDatabase Database { get; } = new();

    public NodeApp Node { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Database.InitializeAsync();
        Node = await NodeApp.StartAsync(Database.Settings);
    }

    public async Task DisposeAsync()
    {
        await Node.DisposeAsync();
        await Database.DisposeAsync();
    }
}
