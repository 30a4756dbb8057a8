using FleetKeys.Protocol.Messages;
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

    /// <summary>What the cut-off cabinet held for the person and decided, should it refuse them.</summary>
    protected string WhyNotGranted(string person) =>
        $"allow-list v{Cabinet.AllowList.Version} holds {Cabinet.AllowList.Entries.Values.Count(e => e.PersonId == person)} entries of {person}; " +
        $"decisions: {string.Join(", ", Cabinet.EventLog.Pending.OfType<OfflineAccessDenied>().Select(d => $"{d.PersonId}: {d.Reason}"))}";

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
