using FleetKeys.Testing;

namespace FleetKeys.Ctl.Tests.Support;

/// <summary>One node on embedded SQLite for the palettes that need no fleet: node, log, sharding, actors, and the CLI itself.</summary>
public sealed class SingleNode : IAsyncLifetime
{
    private readonly SqliteTestDatabase _database = new();

    public CtlNode Node { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        Node = await CtlNode.Start(new NodeOptions(_database.Settings.DataFolder, LogLevel: "Information"));
    }

    public async Task DisposeAsync()
    {
        await Node.DisposeAsync();
        await _database.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class SingleNodeCollection : ICollectionFixture<SingleNode>
{
    public const string Name = "single node";
}
