using Akka.Actor;
using Akka.Hosting;
using Akka.TestKit;
using FleetKeys.Cluster.Cabinets;
using FleetKeys.Cluster.Controllers;
using FleetKeys.Cluster.Credentials;
using FleetKeys.Cluster.Entities;
using FleetKeys.Cluster.KeySlots;
using FleetKeys.Cluster.People;
using FleetKeys.Cluster.Sites;
using FleetKeys.Cluster.TagHomes;
using FleetKeys.Domain.Cabinets;
using FleetKeys.Domain.Ids;

namespace FleetKeys.Cluster.Tests.Support;

/// <summary>
/// A cabinet entity on its own: every region it looks up is a probe, so a spec sees what the cabinet asks of the other
/// entities and answers for them.
/// </summary>
public sealed class CabinetAlone
{
    private readonly TestKitBase _kit;
    private readonly TimeProvider _clock;

    public CabinetAlone(TestKitBase kit, TimeProvider clock)
    {
        (_kit, _clock) = (kit, clock);
        (Slots, People, Credentials, Cabinets, Sites) = (kit.CreateTestProbe(), kit.CreateTestProbe(), kit.CreateTestProbe(),
            kit.CreateTestProbe(), kit.CreateTestProbe());
        var registry = ActorRegistry.For(kit.Sys);
        registry.Register<KeySlotRegion>(Slots.Ref);
        registry.Register<PersonRegion>(People.Ref);
        registry.Register<CredentialRegion>(Credentials.Ref);
        registry.Register<ControllerRegion>(kit.CreateTestProbe().Ref);
        registry.Register<CabinetRegion>(Cabinets.Ref);
        registry.Register<SiteRegion>(Sites.Ref);
        registry.Register<TagHomeRegion>(kit.CreateTestProbe().Ref);
    }

    public TestProbe Slots { get; }

    public TestProbe People { get; }

    public TestProbe Credentials { get; }

    /// <summary>The cabinet region, which a cabinet wakes itself through.</summary>
    public TestProbe Cabinets { get; }

    public TestProbe Sites { get; }

    /// <summary>An incarnation of the cabinet's entity: a new one on the same journal is the cabinet started again.</summary>
    public IActorRef Start(CabinetId id) =>
        _kit.Sys.ActorOf(Props.Create(() => new CabinetActor(id, new EntityServices(_clock, new EntitySettings(), null))));

    public IActorRef Registered(CabinetId id, SiteId site)
    {
        var cabinet = Start(id);
        cabinet.Tell(new RegisterCabinet(id, site, "UTC", new ControllerId("ctl"), 1, 4, false, _clock.GetUtcNow()), _kit.TestActor);
        _kit.ExpectMsg<CabinetDetails>();
        return cabinet;
    }
}
