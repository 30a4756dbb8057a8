using FleetKeys.Cluster.Projections;
using FleetKeys.Cluster.Projections.Rows;
using LinqToDB;
using FleetKeys.Testing;

namespace FleetKeys.Cluster.Tests.Persistence;

/// <summary>Nodes starting together on one PostgreSQL database all create the read side's tables at once.</summary>
public sealed class SchemaCreationSpecs : IAsyncLifetime
{
    private readonly PostgresTestDatabase _database = new();

    public Task InitializeAsync() => _database.InitializeAsync();

    public Task DisposeAsync() => _database.DisposeAsync();

    [Fact]
    public async Task Many_nodes_creating_the_read_side_on_one_postgres_database_at_once_all_succeed()
    {
        var nodes = Enumerable.Range(0, 8).Select(_ => new ReadDatabase(_database.Settings)).ToList();

        await Task.WhenAll(nodes.Select(node => Task.Run(() => node.EnsureSchema())));

        await using var db = nodes[0].Open();
        Assert.Empty(db.GetTable<ProjectionOffsetRow>().ToList());
    }
}
