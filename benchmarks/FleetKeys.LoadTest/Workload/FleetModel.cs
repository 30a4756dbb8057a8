using FleetKeys.Protocol;
using FleetKeys.Simulator;
using FleetKeys.Simulator.Activity;

namespace FleetKeys.LoadTest.Workload;

/// <summary>
/// The load generator's picture of the fleet: which keys hang in which slots, who holds what, and who is busy. One
/// person stands at a cabinet at a time (a cabinet has one reader, and the driver one session per cabinet), and a
/// person does one errand at a time. Every pick reserves what it uses; every errand hands it back with what the
/// simulator physically shows afterwards, so an errand that failed half-way cannot leave the picture wrong.
/// </summary>
public sealed class FleetModel
{
    private const int Tries = 16;
    private readonly Lock _gate = new();
    private readonly Random _random;
    private readonly int _maxKeys;
    private readonly CabinetModel[] _cabinets;
    private readonly PersonModel[][] _peopleBySite;
    private readonly List<PersonModel> _revoked = [];
    private readonly List<HeldKey> _out = [];
    private readonly IReadOnlyList<SimulatedPerson> _unknown;

    public FleetModel(Population population, int maxKeys, int seed)
    {
        _random = new Random(seed);
        _maxKeys = maxKeys;
        _cabinets = [.. population.Cabinets.Select(p => new CabinetModel(p.Cabinet, p.Site))];
        _peopleBySite = [.. population.People.Select(m => new PersonModel(m.Person, m.Site)).GroupBy(p => p.Site).OrderBy(g => g.Key).Select(g => g.ToArray())];
        _unknown = population.Unknown;
        foreach (var cabinet in _cabinets) cabinet.Resync();
    }

    public int KeysOut
    {
        get
        {
            lock (_gate) return _out.Count;
        }
    }

    /// <summary>A free cabinet with a key in a slot, and a free, unrevoked person of its site below their key limit.</summary>
    public TakeErrand? PickTake()
    {
        lock (_gate)
        {
            for (var i = 0; i < Tries; i++)
            {
                var cabinet = _cabinets[_random.Next(_cabinets.Length)];
                if (cabinet.Busy || cabinet.KeysIn.Count == 0) continue;
                var people = _peopleBySite[cabinet.Site];
                for (var j = 0; j < Tries; j++)
                {
                    var person = people[_random.Next(people.Length)];
                    if (person.Busy || person.Revoked || person.Held >= _maxKeys) continue;
                    var slot = cabinet.KeysIn[_random.Next(cabinet.KeysIn.Count)];
                    cabinet.KeysIn.Remove(slot);
                    (cabinet.Busy, person.Busy) = (true, true);
                    return new TakeErrand(cabinet, person, slot);
                }

                return null;
            }

            return null;
        }
    }

    /// <summary>A key out whose cabinet is free, taken back by its holder (who may be revoked meanwhile: returns need no badge).</summary>
    public ReturnErrand? PickReturn()
    {
        lock (_gate)
        {
            for (var i = 0; i < Tries && _out.Count > 0; i++)
            {
                var index = _random.Next(_out.Count);
                var held = _out[index];
                if (held.Cabinet.Busy || held.Holder.Busy) continue;
                _out[index] = _out[^1];
                _out.RemoveAt(_out.Count - 1);
                (held.Cabinet.Busy, held.Holder.Busy) = (true, true);
                return new ReturnErrand(held.Cabinet, held.Holder, held.Slot, held.Tag);
            }

            return null;
        }
    }

    /// <summary>A free cabinet and a badge the cluster must refuse: one nobody was given, or a revoked person's.</summary>
    public DenialErrand? PickDenial()
    {
        lock (_gate)
        {
            for (var i = 0; i < Tries; i++)
            {
                var cabinet = _cabinets[_random.Next(_cabinets.Length)];
                if (cabinet.Busy) continue;
                cabinet.Busy = true;
                var revoked = _revoked.Count > 0 && _random.Next(2) == 0;
                var badge = revoked ? _revoked[_random.Next(_revoked.Count)].Person.Badge : _unknown[_random.Next(_unknown.Count)].Badge;
                return new DenialErrand(cabinet, badge, revoked);
            }

            return null;
        }
    }

    /// <summary>A free person holding no key (so no key stays out for good), to be revoked.</summary>
    public PersonModel? PickRevocation()
    {
        lock (_gate)
        {
            for (var i = 0; i < Tries; i++)
            {
                var people = _peopleBySite[_random.Next(_peopleBySite.Length)];
                var person = people[_random.Next(people.Length)];
                if (person.Busy || person.Revoked || person.Held > 0) continue;
                person.Busy = true;
                return person;
            }

            return null;
        }
    }

    public void TakeEnded(TakeErrand errand, bool taken)
    {
        lock (_gate)
        {
            if (taken)
            {
                errand.Person.Held++;
                _out.Add(new HeldKey(errand.Cabinet, errand.Person, errand.Slot, errand.Cabinet.Cabinet.Spec.Tags[errand.Slot - 1]));
            }

            errand.Cabinet.Resync();
            (errand.Cabinet.Busy, errand.Person.Busy) = (false, false);
        }
    }

    public void ReturnEnded(ReturnErrand errand, bool returned)
    {
        lock (_gate)
        {
            if (returned) errand.Person.Held--;
            else _out.Add(new HeldKey(errand.Cabinet, errand.Person, errand.Slot, errand.Tag));
            errand.Cabinet.Resync();
            (errand.Cabinet.Busy, errand.Person.Busy) = (false, false);
        }
    }

    public void DenialEnded(DenialErrand errand)
    {
        lock (_gate) errand.Cabinet.Busy = false;
    }

    public void RevocationEnded(PersonModel person)
    {
        lock (_gate)
        {
            person.Revoked = true;
            person.Busy = false;
            _revoked.Add(person);
        }
    }

    /// <summary>The people of a site not revoked: each has an entry in every allow-list of the site.</summary>
    public int EntitledAt(int site)
    {
        lock (_gate) return _peopleBySite[site].Count(p => !p.Revoked);
    }

    /// <summary>A free cabinet that is online and has a key in a slot, with a person who may take it, for the cold-start grant.</summary>
    public TakeErrand? PickTakeAt(SimulatedCabinet target)
    {
        lock (_gate)
        {
            var cabinet = _cabinets.First(c => c.Cabinet == target);
            if (cabinet.Busy || cabinet.KeysIn.Count == 0) return null;
            var person = _peopleBySite[cabinet.Site].FirstOrDefault(p => !p.Busy && !p.Revoked && p.Held < _maxKeys);
            if (person is null) return null;
            var slot = cabinet.KeysIn[0];
            cabinet.KeysIn.Remove(slot);
            (cabinet.Busy, person.Busy) = (true, true);
            return new TakeErrand(cabinet, person, slot);
        }
    }
}

public sealed class CabinetModel(SimulatedCabinet cabinet, int site)
{
    public SimulatedCabinet Cabinet { get; } = cabinet;
    public int Site { get; } = site;
    public bool Busy { get; set; }

    /// <summary>Slots whose own key hangs in them now.</summary>
    public List<byte> KeysIn { get; } = [];

    /// <summary>Reads the simulator: the only truth about which keys are physically in.</summary>
    public void Resync()
    {
        KeysIn.Clear();
        KeysIn.AddRange(Cabinet.Slots.Where(s => s.Tag is { } tag && tag == s.HomeTag).Select(s => s.Slot));
    }
}

public sealed class PersonModel(SimulatedPerson person, int site)
{
    public SimulatedPerson Person { get; } = person;
    public int Site { get; } = site;
    public bool Busy { get; set; }
    public bool Revoked { get; set; }
    public int Held { get; set; }
}

public sealed record HeldKey(CabinetModel Cabinet, PersonModel Holder, byte Slot, ByteString Tag);

public sealed record TakeErrand(CabinetModel Cabinet, PersonModel Person, byte Slot);

public sealed record ReturnErrand(CabinetModel Cabinet, PersonModel Person, byte Slot, ByteString Tag);

public sealed record DenialErrand(CabinetModel Cabinet, ByteString Badge, bool Revoked);
