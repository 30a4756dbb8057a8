using Akka.Actor;
using Akka.Hosting;
using Akka.TestKit;
using FleetKeys.Cluster.Cabinets;
using FleetKeys.Cluster.Entities;
using FleetKeys.Cluster.KeyIds;
using FleetKeys.Cluster.KeySlots;
using FleetKeys.Cluster.People;
using FleetKeys.Cluster.TagHomes;
using FleetKeys.Domain.Ids;
using FleetKeys.Domain.KeySlots;
using FleetKeys.Domain.People;
using Microsoft.Extensions.Time.Testing;

namespace FleetKeys.Cluster.Tests.Support;

/// <summary>
/// One slot actor alone: the person and cabinet regions it talks to are probes, key ids are always granted, and its
/// timers run on Akka's TestScheduler beside an injected clock, both moved by hand.
/// </summary>
public abstract class SlotActorSpecs : Akka.TestKit.Xunit2.TestKit
{
    protected static readonly SlotId Slot = new(new CabinetId("cab-1"), 1);
    protected static readonly TagId Tag = new("t1");
    protected static readonly TimeSpan ReleaseWindow = TimeSpan.FromSeconds(30);
    private readonly EntitySettings _settings = new() { ReleaseWindow = ReleaseWindow };

    protected SlotActorSpecs() : base("akka.scheduler.implementation = \"Akka.TestKit.TestScheduler, Akka.TestKit\"")
    {
        People = CreateTestProbe();
        Cabinets = CreateTestProbe();
        var registry = ActorRegistry.For(Sys);
        registry.Register<PersonRegion>(People.Ref);
        registry.Register<CabinetRegion>(Cabinets.Ref);
        registry.Register<KeyIdRegion>(KeyIdsStandIn.Granting(CreateTestProbe()));
        registry.Register<TagHomeRegion>(KeyIdsStandIn.Granting(CreateTestProbe()));
    }

    protected FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 6, 1, 8, 0, 0, TimeSpan.Zero));

    protected DateTimeOffset At => Clock.GetUtcNow();

    protected TestProbe People { get; }

    protected TestProbe Cabinets { get; }

    protected void Elapse(TimeSpan time)
    {
        Clock.Advance(time);
        ((TestScheduler)Sys.Scheduler).Advance(time);
    }

    protected IActorRef SlotActor() => Sys.ActorOf(Props.Create(() => new KeySlotActor(Slot, new EntityServices(Clock, _settings))));

    /// <summary>The person asks for the key at the cabinet and the person entity grants it: the slot is released to them.</summary>
    protected GrantId ReleaseTo(IActorRef slot, PersonId person)
    {
        slot.Tell(new RequestRelease(Slot, person, SessionId.New(), new SiteId("hq"), At), TestActor);
        var request = People.ExpectMsg<RequestGrant>();
        People.Reply(new GrantIssued(person, request.Grant, request.Session, Slot, request.ExpiresAt, request.At));
        return ExpectMsg<ReleaseGranted>().Grant;
    }

    /// <summary>A slot actor holding a master key tagged <see cref="Tag"/>.</summary>
    protected IActorRef AssignedSlot()
    {
        var slot = SlotActor();
        var key = new KeyDefinition(new KeyId("k1"), "Master", new KeyGroup("masters"), Criticality.Master, Tag, CustodyPolicy.Unlimited);
        slot.Tell(new AssignKey(Slot, key, "Europe/Berlin", At), TestActor);
        ExpectMsg<KeySlotDetails>();
        return slot;
    }

    protected KeySlotDetails Custody(IActorRef slot)
    {
        slot.Tell(new GetCustody(Slot), TestActor);
        return ExpectMsg<KeySlotDetails>();
    }
}
