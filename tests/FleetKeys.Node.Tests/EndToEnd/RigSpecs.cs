using FleetKeys.Protocol.Messages;
using FleetKeys.Simulator;
using FleetKeys.Testing;

namespace FleetKeys.Node.Tests.EndToEnd;

/// <summary>
/// The lifetime most hardware specs share: a simulated controller of each test's own, on the node the run's classes share
/// for the database (<see cref="NodeFixture{TDatabase}"/>). The rig's ids carry a tag of its own, so use the ids it hands
/// out (<c>Rig.CabinetId</c>, a person's <c>PersonId</c>) rather than names written in the spec.
/// </summary>
public abstract class RigSpecs<TDatabase>(NodeFixture<TDatabase> fixture) : IClassFixture<NodeFixture<TDatabase>>, IAsyncLifetime
    where TDatabase : TestDatabase, new()
{
    protected HardwareRig Rig { get; private set; } = null!;

    protected SimulatedCabinet Cabinet => Rig.Cabinet;

    protected virtual Task<HardwareRig> StartRig(NodeApp node) => HardwareRig.StartOn(node);

    /// <summary>What the cut-off cabinet held for the person and decided, should it refuse them.</summary>
    protected string WhyNotGranted(string person) =>
        $"allow-list v{Cabinet.AllowList.Version} holds {Cabinet.AllowList.Entries.Values.Count(e => e.PersonId == person)} entries of {person}; " +
        $"decisions: {string.Join(", ", Cabinet.EventLog.Pending.OfType<OfflineAccessDenied>().Select(d => $"{d.PersonId}: {d.Reason}"))}";

    public async Task InitializeAsync() => Rig = await StartRig(fixture.Node);

    public async Task DisposeAsync()
    {
        if (Rig is not null) await Rig.DisposeAsync();
    }
}
