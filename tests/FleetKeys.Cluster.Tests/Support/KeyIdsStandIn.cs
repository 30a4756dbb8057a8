using Akka.Actor;
using Akka.TestKit;
using FleetKeys.Domain.KeyIds;
using FleetKeys.Domain.TagHomes;

namespace FleetKeys.Cluster.Tests.Support;

/// <summary>For specs of one key slot without a cluster: a key id directory that lets every slot claim the id of its key, and a tag directory that records every home.</summary>
public static class KeyIdsStandIn
{
    public static IActorRef Granting(TestProbe probe)
    {
        probe.SetAutoPilot(new DelegateAutoPilot((sender, message) =>
        {
            if (message is ClaimKeyId claim) sender.Tell(new KeyIdState(claim.Key, claim.Slot));
            if (message is RecordTagHome home) sender.Tell(new TagHomeState(home.Tag, home.Slot, home.ReturnGroup));
            return AutoPilot.KeepRunning;
        }));
        return probe.Ref;
    }
}
