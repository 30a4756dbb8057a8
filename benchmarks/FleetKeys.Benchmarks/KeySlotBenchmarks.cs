using BenchmarkDotNet.Attributes;
using FleetKeys.Domain;
using FleetKeys.Domain.KeySlots;
using static FleetKeys.Benchmarks.Samples;

namespace FleetKeys.Benchmarks;

/// <summary>The key slot's core on the take flow: release, take (with its due time in the site's zone), return.</summary>
[MemoryDiagnoser]
public class KeySlotBenchmarks
{
    private readonly KeySlotState _inSlot = KeySlotState.Empty(Slot).Apply(new KeyAssigned(Slot, Key(17), Zone, Now));
    private KeySlotState _released = null!;
    private KeySlotState _out = null!;
    private readonly KeyReleased _releasedEvent = new(Slot, Grant, Person, Session, Now, Now.AddSeconds(30));
    private readonly KeyTaken _takenEvent = new(Slot, Grant, Person, Now.AddSeconds(2), Now.AddHours(8));
    private readonly KeyReturned _returnedEvent = new(Slot, Person, Person, Now.AddHours(1), false);

    [GlobalSetup]
    public void Setup()
    {
        _released = _inSlot.Apply(_releasedEvent);
        _out = _released.Apply(_takenEvent);
    }

    [Benchmark]
    public Decision<KeySlotEvent> DecideRelease() => _inSlot.Decide(new ReleaseKey(Slot, Grant, Person, Session, Now, Now.AddSeconds(30)));

    [Benchmark]
    public Decision<KeySlotEvent> DecideTake() => _released.Decide(new RecordTagRemoved(Slot, Key(17).Tag, Now.AddSeconds(2)));

    [Benchmark]
    public Decision<KeySlotEvent> DecideReturn() => _out.Decide(new RecordTagReturned(Slot, Key(17).Tag, Person, Now.AddHours(1)));

    [Benchmark]
    public KeySlotState ApplyReleased() => _inSlot.Apply(_releasedEvent);

    [Benchmark]
    public KeySlotState ApplyTaken() => _released.Apply(_takenEvent);

    [Benchmark]
    public KeySlotState ApplyReturned() => _out.Apply(_returnedEvent);
}
