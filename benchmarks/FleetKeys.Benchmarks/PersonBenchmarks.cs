using BenchmarkDotNet.Attributes;
using FleetKeys.Domain;
using FleetKeys.Domain.People;
using static FleetKeys.Benchmarks.Samples;

namespace FleetKeys.Benchmarks;

/// <summary>The person's core: the session and grant decisions every badge and key choice waits on, and their folds.</summary>
[MemoryDiagnoser]
public class PersonBenchmarks
{
    private readonly PersonState _registered = PersonState.Empty(Person)
        .Apply(new PersonRegistered(Person, "Pat Example", null, null, 3, Now))
        .Apply(new BadgeAdded(Person, Badge, Now))
        .Apply(new EntitlementsSet(Person, [Everything], Now));

    private readonly SessionOpened _opened = new(Person, Session, Cabinet, Now.AddSeconds(60), 3, Now);
    private readonly GrantIssued _issued = new(Person, Grant, Session, Slot, Now.AddSeconds(30), Now);
    private PersonState _inSession = null!;

    [GlobalSetup]
    public void Setup() => _inSession = _registered.Apply(_opened);

    [Benchmark]
    public Decision<PersonEvent> DecideOpenSession() =>
        _registered.Decide(new OpenSession(Person, Session, Cabinet, Site, Zone, null, false, Now, Now.AddSeconds(60)));

    [Benchmark]
    public Decision<PersonEvent> DecideGrant() =>
        _inSession.Decide(new RequestGrant(Person, Grant, Session, Slot, Key(17).Group, Site, Zone, Now, Now.AddSeconds(30)));

    [Benchmark]
    public Decision<PersonEvent> DecideRevoke() => _inSession.Decide(new RevokePerson(Person, PersonStatus.Terminated, "left", Now));

    [Benchmark]
    public PersonState ApplySessionOpened() => _registered.Apply(_opened);

    [Benchmark]
    public PersonState ApplyGrantIssued() => _inSession.Apply(_issued);
}
