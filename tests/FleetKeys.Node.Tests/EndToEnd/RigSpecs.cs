using FleetKeys.Simulator;
using FleetKeys.Testing;

namespace FleetKeys.Node.Tests.EndToEnd;

/// <summary>The lifetime every hardware spec shares: a fresh database, a node and a simulated controller per test.</summary>
public abstract class RigSpecs<TDatabase> : IAsyncLifetime where TDatabase : TestDatabase, new()
{
    protected TDatabase Database { get; } = new();

    protected HardwareRig Rig { get; private set; } = null!;

    protected SimulatedCabinet Cabinet => Rig.Cabinet;

    protected virtual Task<HardwareRig> StartRig() => HardwareRig.StartAsync(Database);

    public async Task InitializeAsync()
    {
        await Database.InitializeAsync();
        Rig = await StartRig();
    }

    public async Task DisposeAsync()
    {
        await Rig.DisposeAsync();
        await Database.DisposeAsync();
    }
}
