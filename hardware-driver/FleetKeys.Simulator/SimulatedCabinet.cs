using System.Collections.Immutable;
using System.Security.Cryptography;
using FleetKeys.Protocol;
using FleetKeys.Protocol.Channels;
using FleetKeys.Protocol.Messages;
using FleetKeys.Protocol.Security;

namespace FleetKeys.Simulator;

/// <summary>
/// One cabinet at one bus address of a <see cref="SimulatedController"/>: slots with their tags
/// and locks, a door, a reader with keypad, LEDs, buzzer and display, an allow-list, an offline
/// policy and a numbered event log. It answers the driver as docs/protocol.md specifies
/// (SimulatedCabinet.Commands.cs), lets a test or demo act as the people in front of it
/// (SimulatedCabinet.People.cs), decides locally while offline (SimulatedCabinet.Offline.cs) and
/// offers awaitable observations (SimulatedCabinet.Observations.cs). Thread-safe: one lock guards
/// everything, taken alike by the connection, the timer and the callers.
/// </summary>
public sealed partial class SimulatedCabinet : IBusDevice
{
    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private readonly SimulatorOptions _options;
    private readonly DeviceEndpoint _endpoint;
    private readonly EventLog _log;
    private readonly AllowList _allowList = new();
    private readonly Watchers _watchers;
    private readonly ITimer _offlineTimer;

    /// <summary>Index 0 is the door, N the lock of slot N: the output numbers OUT uses.</summary>
    private readonly LockOutput[] _locks;

    /// <summary>Index N: the tag physically in slot N, null when empty (index 0 unused).</summary>
    private readonly ByteString?[] _tags;

    /// <summary>Slots whose tag reader has failed: the inventory reports them empty whatever they hold.</summary>
    private readonly HashSet<byte> _blindSlots = [];

    /// <summary>What the cluster said each slot's key asks (docs/protocol.md 0x0A); slots asking nothing are absent.</summary>
    private readonly Dictionary<byte, SetSlotQuestions> _questions = [];

    /// <summary>The slot whose key was chosen and whose reasons the display lists, until a digit picks one.</summary>
    private byte? _awaitingReason;

    private bool _doorOpen;
    private bool _tampered;
    private bool _onBattery;
    private bool _batteryLow;
    private readonly ReaderOutputs _reader = new();
    private OfflinePolicy _policy = OfflinePolicy.DenyAll;
    private TimeSpan _clockOffset;
    private DateTimeOffset? _lastCommandAt;
    private LocalAccess? _local;

    internal SimulatedCabinet(CabinetSpec spec, ControllerSecret secret, TimeProvider time, SimulatorOptions options, Func<byte, bool> addressFree)
    {
        Spec = spec;
        _time = time;
        _options = options;
        _endpoint = new DeviceEndpoint(spec.BusAddress, Scbk.Derive(secret, spec.BusAddress), addressFree);
        _log = new EventLog(NewEpoch(), options.EventLogCapacity);
        _watchers = new Watchers(_gate);
        _locks = [.. Enumerable.Range(0, spec.SlotCount + 1).Select(_ => new LockOutput())];
        _tags = [null, .. spec.Tags.Select(tag => (ByteString?)tag)];
        _offlineTimer = time.CreateTimer(_ => OnOfflineTimer(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    public CabinetSpec Spec { get; }

    public string CabinetId => Spec.CabinetId;

    /// <summary>Where its board answers now: <see cref="CabinetSpec.BusAddress"/> until an osdp_COMSET moved it.</summary>
    public byte BusAddress
    {
        get
        {
            lock (_gate) return _endpoint.BusAddress;
        }
    }

    /// <summary>The baud rate it was last set to (osdp_COMSET); the simulator's link is TCP, so it changes nothing else.</summary>
    public uint BaudRate
    {
        get
        {
            lock (_gate) return _endpoint.BaudRate;
        }
    }

    public int SlotCount => Spec.SlotCount;

    /// <summary>Logged events not yet acknowledged by a driver (for a failing test's message).</summary>
    public int PendingEventCount
    {
        get
        {
            lock (_gate) return _log.PendingCount;
        }
    }

    public SlotState Slot(byte slot)
    {
        RequireSlot(slot);
        lock (_gate) return SlotStateOf(slot);
    }

    /// <summary>Every slot, slot 1 first, all read at the same moment.</summary>
    public IReadOnlyList<SlotState> Slots
    {
        get
        {
            lock (_gate) return [.. Enumerable.Range(1, SlotCount).Select(slot => SlotStateOf((byte)slot))];
        }
    }

    public DoorState Door
    {
        get
        {
            lock (_gate) return new DoorState(_doorOpen, ReleasedUntil(OutputAction.Door));
        }
    }

    /// <summary>What the cluster said the key of <paramref name="slot"/> asks (its reasons and return questions); null for nothing.</summary>
    public SetSlotQuestions? QuestionsOf(byte slot)
    {
        lock (_gate) return _questions.GetValueOrDefault(slot);
    }

    /// <summary>
    /// The last text on the display: what the driver put there (TEXT), or the chosen key's reasons the cabinet lists itself
    /// while it waits for one; null before the first.
    /// </summary>
    public string? Text
    {
        get
        {
            lock (_gate) return _reader.Text;
        }
    }

    /// <summary>The last record received for each LED (0 = the reader's, N = slot N's indicator).</summary>
    public ImmutableDictionary<byte, LedRecord> Leds
    {
        get
        {
            lock (_gate) return _reader.Leds;
        }
    }

    public BuzzerControl? Buzzer
    {
        get
        {
            lock (_gate) return _reader.Buzzer;
        }
    }

    public AllowListState AllowList
    {
        get
        {
            lock (_gate) return _allowList.State;
        }
    }

    public OfflinePolicy OfflinePolicy
    {
        get
        {
            lock (_gate) return _policy;
        }
    }

    /// <summary>The controller's clock: the TimeProvider's time plus whatever SET CLOCK moved it by.</summary>
    public DateTimeOffset Clock
    {
        get
        {
            lock (_gate) return Now();
        }
    }

    public EventLogState EventLog
    {
        get
        {
            lock (_gate) return _log.Snapshot();
        }
    }

    /// <summary>Live input not yet reported, oldest first.</summary>
    public ValueList<Reply> PendingInput
    {
        get
        {
            lock (_gate) return _endpoint.Input.Waiting;
        }
    }

    public CabinetCounters Counters
    {
        get
        {
            lock (_gate) return _endpoint.Counters;
        }
    }

    /// <summary>Whether the device holds the standard's default key SCBK-D (it was never commissioned, or forgot its key).</summary>
    public bool HoldsDefaultKey
    {
        get
        {
            lock (_gate) return _endpoint.Key.IsDefault;
        }
    }

    /// <summary>
    /// A factory reset of the device's key: it holds SCBK-D from the next handshake on, as out of the box, until a
    /// panel commissions it with osdp_KEYSET. The session it has now stays up.
    /// </summary>
    public void ForgetKey()
    {
        lock (_gate) _endpoint.ForgetKey();
    }

    public bool IsSessionEstablished
    {
        get
        {
            lock (_gate) return _endpoint.Channel.IsEstablished;
        }
    }

    public override string ToString() => $"cabinet {CabinetId} at bus address {BusAddress}";

    void IBusDevice.Dispose()
    {
        _offlineTimer.Dispose();
        _watchers.Abandon(ToString());
    }

    private SlotState SlotStateOf(byte slot) => new(slot, Spec.Tags[slot - 1], _tags[slot], ReleasedUntil(slot));

    private DateTimeOffset? ReleasedUntil(byte output) => _locks[output].ReleasedUntil(_time.GetUtcNow());

    /// <summary>
    /// The controller clock in whole milliseconds, as times travel, so a logged event equals the
    /// one the driver decodes.
    /// </summary>
    private DateTimeOffset Now() =>
        DateTimeOffset.FromUnixTimeMilliseconds((_time.GetUtcNow() + _clockOffset).ToUnixTimeMilliseconds());

    private void RequireSlot(byte slot)
    {
        if (slot < 1 || slot > SlotCount)
            throw new ArgumentOutOfRangeException(nameof(slot), slot, $"{this} has slots 1-{SlotCount}");
    }

    /// <summary>Every change ends here, under the lock, so an awaiting test sees it at once.</summary>
    private void Changed() => _watchers.Check();

    private void Log(Func<uint, CabinetEvent> create)
    {
        _log.Append(create);
        Changed();
    }

    /// <summary>A random non-zero epoch, as a controller picks when its log is created.</summary>
    private static uint NewEpoch()
    {
        uint epoch;
        do epoch = BitConverter.ToUInt32(RandomNumberGenerator.GetBytes(sizeof(uint)));
        while (epoch == 0);
        return epoch;
    }
}
