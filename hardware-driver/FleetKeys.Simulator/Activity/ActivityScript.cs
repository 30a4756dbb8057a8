using FleetKeys.Protocol;
using FleetKeys.Protocol.Messages;

namespace FleetKeys.Simulator.Activity;

/// <summary>
/// Simulated people going about their day: at every tick (1 / <see cref="ActivityOptions.VisitsPerSecond"/>
/// on the TimeProvider) an idle person presents their badge (and PIN) at a random cabinet and
/// selects a random key (by its own slot number); once the slot it sits in is released they take it, and after a while they return
/// it, now and then to the wrong slot, and now and then report a fault with it. Whether the cluster or the cabinet's offline policy decides
/// makes no difference to the script: it only acts on what the cabinet physically allows. Ends
/// after <see cref="ActivityOptions.MaxVisits"/> visits, or at <see cref="Stop"/> (keys out then stay out).
/// </summary>
public sealed class ActivityScript : IDisposable
{
    private readonly Lock _gate = new();
    private readonly IReadOnlyList<SimulatedCabinet> _cabinets;

    /// <summary>The stock readers of mixed cabinets, by cabinet id: people badge there rather than at the board.</summary>
    private readonly Dictionary<string, SimulatedReader> _readers;
    private readonly List<SimulatedPerson> _idle;
    private readonly List<Visit> _visits = [];
    private readonly TimeProvider _time;
    private readonly ActivityOptions _options;
    private readonly Random _random;
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private ITimer? _timer;
    private int _started;
    private int _taken;
    private int _returned;
    private int _wrongSlot;
    private int _abandoned;
    private int _faults;
    private readonly Dictionary<ByteString, uint> _odometers = [];
    private int _handovers;

    public ActivityScript(IEnumerable<SimulatedCabinet> cabinets, IEnumerable<SimulatedPerson> people, TimeProvider time,
        ActivityOptions? options = null, IEnumerable<SimulatedReader>? readers = null)
    {
        _cabinets = [.. cabinets];
        _readers = (readers ?? []).ToDictionary(r => r.CabinetId);
        _idle = [.. people];
        if (_cabinets.Count == 0 || _idle.Count == 0) throw new ArgumentException("an activity needs cabinets and people");
        _time = time;
        _options = options ?? new ActivityOptions();
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(_options.VisitsPerSecond, nameof(ActivityOptions.VisitsPerSecond));
        _random = new Random(_options.Seed);
    }

    /// <summary>Completes when the last visit has ended, or when the script is stopped.</summary>
    public Task Completion => _completion.Task;

    public ActivityStats Stats
    {
        get
        {
            lock (_gate) return new ActivityStats(_started, _taken, _returned, _wrongSlot, _abandoned, _visits.Count) { FaultsReported = _faults, HandedOver = _handovers };
        }
    }

    public void Start()
    {
        var period = TimeSpan.FromSeconds(1 / _options.VisitsPerSecond);
        lock (_gate) _timer ??= _time.CreateTimer(_ => Tick(), null, period, period);
    }

    public void Stop()
    {
        lock (_gate)
        {
            _timer?.Dispose();
            _completion.TrySetResult();
        }
    }

    public void Dispose() => Stop();

    /// <summary>
    /// <paramref name="person"/> already has the key of <paramref name="slot"/>, its tag out of the cabinet (taken before this
    /// script began, as when a demo carries on from custody on record): they bring it back after a hold time, like any visit.
    /// </summary>
    public void Holding(SimulatedPerson person, SimulatedCabinet cabinet, byte slot)
    {
        lock (_gate)
        {
            _idle.Remove(person);
            _visits.Add(new Visit(person, cabinet, slot, _time.GetUtcNow() + DrawHoldTime(slot)) { Tag = cabinet.Spec.Tags[slot - 1] });
        }
    }

    private void Tick()
    {
        lock (_gate)
        {
            // A tick may already be under way when Stop disposes the timer.
            if (_completion.Task.IsCompleted) return;
            var now = _time.GetUtcNow();
            foreach (var visit in _visits.ToArray()) Progress(visit, now);
            if (_started < _options.MaxVisits && _idle.Count > 0) Begin(now);
            if (_started >= _options.MaxVisits && _visits.Count == 0) Stop();
        }
    }

    private void Begin(DateTimeOffset now)
    {
        var cabinet = _cabinets[_random.Next(_cabinets.Count)];
        var keys = cabinet.Slots.Where(s => s.Tag is not null).ToArray();
        if (keys.Length == 0) return;
        // A key is chosen by its own slot number wherever it sits; the cabinet unlocks the slot it is in.
        var slot = HomeOf(cabinet, keys[_random.Next(keys.Length)].Tag!.Value);
        StartVisit(_idle[_random.Next(_idle.Count)], cabinet, slot, now);
    }

    /// <summary>
    /// The person, if idle, comes to the cabinet for the key in <paramref name="slot"/> (one they were told they may have
    /// now, say); false when they are busy with another errand.
    /// </summary>
    public bool Send(SimulatedPerson person, SimulatedCabinet cabinet, byte slot)
    {
        lock (_gate)
        {
            if (_completion.Task.IsCompleted || !_idle.Contains(person)) return false;
            StartVisit(person, cabinet, slot, _time.GetUtcNow());
            return true;
        }
    }

    private void StartVisit(SimulatedPerson person, SimulatedCabinet cabinet, byte slot, DateTimeOffset now)
    {
        _idle.Remove(person);
        _started++;
        Badge(cabinet, person);
        if (cabinet.SelectKey(slot) == InputOutcome.AwaitingReason) ChooseReason(cabinet, slot);
        _visits.Add(new Visit(person, cabinet, slot, now + _options.Patience));
    }

    private void Progress(Visit visit, DateTimeOffset now)
    {
        if (visit.Tag is not { } tag)
        {
            var key = visit.Cabinet.Spec.Tags[visit.Slot - 1];
            var sitsIn = visit.Cabinet.Slots.FirstOrDefault(s => s.Tag == key)?.Slot;
            if (sitsIn is { } slot && visit.Cabinet.TakeKey(slot))
            {
                (visit.Tag, visit.Until) = (key, now + DrawHoldTime(visit.Slot));
                _taken++;
            }
            else if (now >= visit.Until)
            {
                _abandoned++;
                End(visit);
            }
            return;
        }
        if (now < visit.Until) return;
        // No draw without a chance, so the choices of a script without handovers stay what its seed made them.
        if (_options.HandoverChance > 0 && _idle.Count > 0 && _random.NextDouble() < _options.HandoverChance)
        {
            HandOver(visit, tag, now);
            return;
        }

        Return(visit.Cabinet, tag);
        _returned++;
        End(visit);
    }

    /// <summary>
    /// At the key's cabinet the holder badges and chooses the key they hold, and an idle colleague badges: the colleague keeps
    /// it from now (should the cluster refuse them, they still bring it back, a return by someone else).
    /// </summary>
    private void HandOver(Visit visit, ByteString tag, DateTimeOffset now)
    {
        var receiver = _idle[_random.Next(_idle.Count)];
        _idle.Remove(receiver);
        Badge(visit.Cabinet, visit.Person);
        visit.Cabinet.SelectKey(visit.Slot);
        Badge(visit.Cabinet, receiver);
        _handovers++;
        End(visit);
        _visits.Add(new Visit(receiver, visit.Cabinet, visit.Slot, now + DrawHoldTime(visit.Slot)) { Tag = tag });
    }

    private void Badge(SimulatedCabinet cabinet, SimulatedPerson person)
    {
        if (_readers.TryGetValue(cabinet.CabinetId, out var reader))
        {
            reader.PresentBadge(person.Badge);
            if (person.Pin is { } readerPin) reader.EnterPin(readerPin);
            return;
        }

        cabinet.PresentBadge(person.Badge);
        if (person.Pin is { } pin) cabinet.EnterPin(pin);
    }

    /// <summary>Mostly to the tag's own slot; to another empty one by chance, or when its own is taken by a stray tag.</summary>
    private void Return(SimulatedCabinet cabinet, ByteString tag)
    {
        var home = HomeOf(cabinet, tag);
        var empty = cabinet.Slots.Where(s => s.Tag is null).Select(s => s.Slot).ToArray();
        var others = empty.Where(s => s != home).ToArray();
        var wrong = others.Length > 0 && (!empty.Contains(home) || _random.NextDouble() < _options.WrongSlotChance);
        var slot = wrong ? others[_random.Next(others.Length)] : home;
        cabinet.ReturnKey(slot, tag);
        if (wrong) _wrongSlot++;
        Answer(cabinet, slot, tag, home);
        // No draw without a chance, so the choices of a script without faults stay what its seed made them.
        if (_options.FaultChance <= 0 || _random.NextDouble() >= _options.FaultChance) return;
        var (severity, description) = SimulatedCabinet.FaultList[_random.Next(SimulatedCabinet.FaultList.Count)];
        if (cabinet.ReportFault(slot, severity, description)) _faults++;
    }

    /// <summary>
    /// The display lists the chosen key's reasons (the key's own list, as the cluster sent it): the person picks one. Only keys
    /// that list reasons draw, so the seeded choices of the others stay as they were.
    /// </summary>
    private void ChooseReason(SimulatedCabinet cabinet, byte slot) =>
        cabinet.ChooseReason(slot, (byte)_random.Next(1, cabinet.QuestionsOf(slot)!.Reasons.Count + 1));

    /// <summary>
    /// Sensible answers to what the key asks on return (its own questions, as the cluster sent them): every trip adds some
    /// kilometres to the key's own odometer, so it never runs backwards.
    /// </summary>
    private void Answer(SimulatedCabinet cabinet, byte slot, ByteString tag, byte home)
    {
        var asks = cabinet.QuestionsOf(home)?.Asks ?? ReturnQuestions.None;
        if (asks == ReturnQuestions.None) return;
        var odometer = _odometers[tag] = _odometers.GetValueOrDefault(tag, 10_000u + (uint)_random.Next(90_000)) + (uint)_random.Next(5, 300);
        cabinet.AnswerReturn(slot, asks.HasFlag(ReturnQuestions.Odometer) ? odometer : null,
            asks.HasFlag(ReturnQuestions.Fuel) ? (byte)_random.Next(10, 101) : null, asks.HasFlag(ReturnQuestions.Damage) ? false : null);
    }

    private static byte HomeOf(SimulatedCabinet cabinet, ByteString tag) => (byte)(cabinet.Spec.Tags.ToList().IndexOf(tag) + 1);

    private TimeSpan DrawHoldTime(byte slot) => _options.HoldTimeOfSlot.GetValueOrDefault(slot, _options.HoldTime) * (0.5 + _random.NextDouble());

    /// <summary>Someone holding several keys (carried on from earlier custody) is idle once the last is back.</summary>
    private void End(Visit visit)
    {
        _visits.Remove(visit);
        if (!_visits.Any(v => v.Person == visit.Person)) _idle.Add(visit.Person);
    }

    /// <summary>One person's errand: until the key is out, <see cref="Until"/> is their patience; then, when they bring it back.</summary>
    private sealed class Visit(SimulatedPerson person, SimulatedCabinet cabinet, byte slot, DateTimeOffset until)
    {
        public SimulatedPerson Person { get; } = person;

        public SimulatedCabinet Cabinet { get; } = cabinet;

        public byte Slot { get; } = slot;

        public DateTimeOffset Until { get; set; } = until;

        public ByteString? Tag { get; set; }
    }
}
