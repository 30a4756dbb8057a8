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
        if (Node is not null) await Node.DisposeAsync();
        await Database.DisposeAsync();
    }
}

/// <summary>
/// The clocked node shared per database by the classes that never move its clock — standing still, it fires no timer under
/// another class's specs — started by the first of them and stopped after the last (see <see cref="NodeFixture{TDatabase}"/>).
/// A class that moves the clock takes <see cref="ClockedNodeFixture{TDatabase}"/>, a node of its own.
/// </summary>
public sealed class StillClockNodeFixture<TDatabase> : SharedFixture<ClockedNodeFixture<TDatabase>> where TDatabase : TestDatabase, new()
{
    public NodeApp Node => Shared.Node;

    public Floor Floor => Shared.Floor;
}
