using Akka.Actor;
using Akka.TestKit;
using FleetKeys.Domain.KeyIds;

namespace FleetKeys.Cluster.Tests.Support;

/// <summary>For specs of one key slot without a cluster: a key id directory that lets every slot claim the id of its key.</summary>
public static class KeyIdsStandIn
{
    public static IActorRef Granting(TestProbe probe)
    {
        probe.SetAutoPilot(new DelegateAutoPilot((sender, message) =>
        {
            if (message is ClaimKeyId claim) sender.Tell(new KeyIdState(claim.Key, claim.Slot));
            return AutoPilot.KeepRunning;
        }));
        return probe.Ref;
    }
}
