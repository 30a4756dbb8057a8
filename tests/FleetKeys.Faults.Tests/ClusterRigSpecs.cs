using FleetKeys.Testing;

namespace FleetKeys.Faults.Tests;

/// <summary>A class of fault specs each of which gets a three-node cluster on PostgreSQL of its own, started before it and torn down after.</summary>
public abstract class ClusterRigSpecs : IAsyncLifetime
{
    protected FaultRig Rig { get; private set; } = null!;

    public async Task InitializeAsync() => Rig = await FaultRig.StartAsync(new PostgresTestDatabase());

    public async Task DisposeAsync() => await Rig.DisposeAsync();
}
