using System.Collections.Immutable;
using Akka.Actor;
using BenchmarkDotNet.Attributes;
using FleetKeys.Cluster.Serialization;
using FleetKeys.Domain;
using FleetKeys.Domain.Cabinets;
using FleetKeys.Domain.KeySlots;
using FleetKeys.Domain.People;
using static FleetKeys.Benchmarks.Samples;

namespace FleetKeys.Benchmarks;

/// <summary>The journal's serializer, per event type the take flow and administration write, both ways.</summary>
[MemoryDiagnoser]
public class SerializerBenchmarks
{
    private static readonly IReadOnlyDictionary<string, IFleetKeysMessage> Events = new IFleetKeysMessage[]
    {
        new KeyAssigned(Slot, Key(17), Zone, Now),
        new KeyReleased(Slot, Grant, Person, Session, Now, Now.AddSeconds(30)),
        new KeyTaken(Slot, Grant, Person, Now, Now.AddHours(8)),
        new KeyReturned(Slot, Person, Person, Now, false),
        new ReleaseExpired(Slot, Grant, Person, Now),
        new SessionOpened(Person, Session, Cabinet, Now.AddSeconds(60), 3, Now),
        new GrantIssued(Person, Grant, Session, Slot, Now.AddSeconds(30), Now),
        new KeyPickedUp(Person, Grant, Slot, Now),
        new KeyHandedBack(Person, Slot, Now),
        new PersonRegistered(Person, "Pat Example", null, null, 3, Now),
        new EntitlementsSet(Person, [Everything], Now),
        new PersonRevoked(Person, PersonStatus.Terminated, "left the company", [new PersonSession(Session, Cabinet, Now)], [Grant], [Slot], Now),
        new CabinetSessionOpened(Cabinet, Session, Person, Badge, Now.AddSeconds(60), Now),
        new AccessDenied(Cabinet, Badge, null, RejectionCode.UnknownBadge, Now),
        new TagLeftSlot(Cabinet, 17, Tag(17), Now, new HardwareEventRef(7, 1_000)),
        new TagEnteredSlot(Cabinet, 17, Tag(17), Now, new HardwareEventRef(7, 1_001)),
        new SlotSummaryChanged(Cabinet, new SlotSummary(17, CustodyStatus.Out, Person, Now.AddHours(8)), Now),
    }.ToImmutableSortedDictionary(e => e.GetType().Name, e => e);

    private ActorSystem _system = null!;
    private FleetKeysJsonSerializer _serializer = null!;
    private IFleetKeysMessage _event = null!;
    private byte[] _bytes = null!;
    private string _manifest = null!;

    [ParamsSource(nameof(EventTypes))]
    public string EventType { get; set; } = "";

    public static IEnumerable<string> EventTypes => Events.Keys;

    [GlobalSetup]
    public void Setup()
    {
        _system = ActorSystem.Create("serializer-benchmarks");
        _serializer = new FleetKeysJsonSerializer((ExtendedActorSystem)_system);
        _event = Events[EventType];
        _bytes = _serializer.ToBinary(_event);
        _manifest = _serializer.Manifest(_event);
    }

    [GlobalCleanup]
    public void Cleanup() => _system.Terminate().Wait();

    [Benchmark]
    public byte[] ToBinary() => _serializer.ToBinary(_event);

    [Benchmark]
    public object FromBinary() => _serializer.FromBinary(_bytes, _manifest);
}
