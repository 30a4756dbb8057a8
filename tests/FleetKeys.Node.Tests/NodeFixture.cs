using FleetKeys.Testing;

namespace FleetKeys.Node.Tests;

/// <summary>
/// The node that test classes share, one per database: started by the first class of the run that takes it and stopped
/// after the last, so specs on it use unique ids and expect others' data beside theirs. A class that counts what the
/// whole node holds (its entities, its log lines, every page of a list) takes <see cref="OwnNodeFixture{TDatabase}"/>.
/// </summary>
public sealed class NodeFixture<TDatabase> : SharedFixture<OwnNodeFixture<TDatabase>> where TDatabase : TestDatabase, new()
{
    public TDatabase Database => Shared.Database;

    public NodeApp Node => Shared.Node;
}

/// <summary>A node of one test class's own, on a database of its own.</summary>
public sealed class OwnNodeFixture<TDatabase> : IAsyncLifetime where TDatabase : TestDatabase, new()
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
        if (Node is not null) await Node.DisposeAsync();
        await Database.DisposeAsync();
    }
}
