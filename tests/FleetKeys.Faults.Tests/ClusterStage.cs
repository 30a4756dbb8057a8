using FleetKeys.Testing;
using Xunit.Abstractions;

namespace FleetKeys.Faults.Tests;

/// <summary>
/// One three-node cluster on PostgreSQL that the specs of a class take in turn, for specs that end with every node running:
/// a rig's start (three node processes, the fleet registered, every cabinet online) is most of what such a spec costs. It
/// is healed before each spec (<see cref="FaultRig.Heal"/>); one that cannot be healed — a spec failed and left it broken —
/// is replaced by a fresh one, so no spec inherits another's failure.
/// </summary>
public sealed class ClusterStage : IAsyncLifetime
{
    private FaultRig? _rig;

    public async Task<FaultRig> Healthy(ITestOutputHelper log)
    {
        if (_rig is not null)
        {
            try
            {
                await _rig.Heal();
                return _rig;
            }
            catch (Exception e)
            {
                log.WriteLine($"the cluster the last spec left could not be healed, so this spec gets a fresh one: {e.Message}");
                await _rig.DisposeAsync();
                _rig = null;
            }
        }

        return _rig = await FaultRig.StartAsync(new PostgresTestDatabase());
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_rig is not null) await _rig.DisposeAsync();
    }
}
