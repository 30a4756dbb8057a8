using FleetKeys.Protocol;
using FleetKeys.Protocol.Messages;

namespace FleetKeys.Simulator;

/// <summary>
/// What the people in front of the cabinet do, for a test or demo to script. Live input (badge,
/// keypad, key selection) goes to the cluster at the next polls while online and is decided
/// locally while offline; physical changes (tags, door) are logged as events either way.
/// </summary>
public sealed partial class SimulatedCabinet
{
    /// <summary>Card data as allow-lists and offline events carry it: 1-32 bytes.</summary>
    public const int MaxBadgeLength = 32;

    /// <summary>A badge at the reader: a RAW card read at the next poll, or an offline decision.</summary>
    public InputOutcome PresentBadge(ByteString badge)
    {
        if (badge.Length is < 1 or > MaxBadgeLength)
            throw new ArgumentException($"a badge is 1-{MaxBadgeLength} bytes of card data", nameof(badge));
        lock (_gate)
            return IsOnlineNow()
                ? Report(new CardRead(0, CardFormat.RawUnspecified, (ushort)(badge.Length * 8), badge))
                : DecideBadge(badge);
    }

    /// <summary>
    /// Keys on the keypad (digits, '*', '#'): a KEYPAD reply at the next poll, or, offline, the PIN
    /// for the badge just presented ('#' at the end is the enter key, not part of the PIN).
    /// </summary>
    public InputOutcome EnterPin(string keys)
    {
        var keypad = new KeypadInput(0, keys);
        // The protocol's own check of keypad keys, here rather than when a poll encodes the reply.
        _ = keypad.EncodeData();
        AwaitingPin? waiting;
        lock (_gate)
        {
            if (IsOnlineNow()) return Report(keypad);
            waiting = _local as AwaitingPin;
            if (waiting is null) return InputOutcome.Ignored;
        }
        // PBKDF2 at the entry's iteration count takes a while: not under the lock the connection needs.
        var matches = waiting.Entry.Pin!.Matches(keys.TrimEnd('#'));
        lock (_gate)
        {
            // Another badge came meanwhile, or the cluster is back: this PIN answers nothing any more.
            if (!ReferenceEquals(_local, waiting)) return InputOutcome.Ignored;
            return DecidePin(waiting, matches);
        }
    }

    /// <summary>
    /// The user asks for the key in a slot: KEY SELECTED at the next poll, or an offline decision. A key in its slot that lists
    /// reasons is asked for only with one: the display lists them and the choice waits for the keypad digit
    /// (<see cref="ChooseReason"/>). An empty slot chosen is its holder handing the key over: nothing is taken, nothing asked.
    /// </summary>
    public InputOutcome SelectKey(byte slot)
    {
        RequireSlot(slot);
        lock (_gate)
        {
            if (_tags[slot] is not null && _questions.GetValueOrDefault(slot) is { Reasons.Count: > 0 } questions)
            {
                _awaitingReason = slot;
                _reader.Text = "Reason? " + string.Join(" ", questions.Reasons.Select((reason, i) => $"{i + 1} {reason}"));
                return InputOutcome.AwaitingReason;
            }

            return IsOnlineNow() ? Report(new KeySelected(slot)) : DecideSelection(slot);
        }
    }

    /// <summary>Takes the tag out of a slot, which only works while the slot's lock is released; logs TagRemoved.</summary>
    public bool TakeKey(byte slot)
    {
        RequireSlot(slot);
        lock (_gate) return ReleasedUntil(slot) is not null && RemoveTag(slot);
    }

    /// <summary>Pulls the tag out although the slot is locked; logs TagRemoved, which the cluster sees as forced.</summary>
    public bool ForceSlot(byte slot)
    {
        RequireSlot(slot);
        lock (_gate) return RemoveTag(slot);
    }

    /// <summary>Puts a tag into an empty slot, the wrong one included; logs TagInserted. False if the slot is taken.</summary>
    public bool ReturnKey(byte slot, ByteString tag)
    {
        RequireSlot(slot);
        if (tag.Length is < 1 or > CabinetSpec.MaxTagLength)
            throw new ArgumentException($"a tag UID is 1-{CabinetSpec.MaxTagLength} bytes", nameof(tag));
        lock (_gate)
        {
            if (Array.IndexOf(_tags, tag) is var held and > 0)
                throw new InvalidOperationException($"tag {tag} is in slot {held} of {this}: it cannot be returned twice");
            if (_tags[slot] is not null) return false;
            _tags[slot] = tag;
            Log(number => new TagInserted(number, Now(), slot, tag));
            return true;
        }
    }

    /// <summary>
    /// A slot's tag reader fails (or works again): the key stays in the slot, but the inventory reports the slot empty until
    /// it works. Nothing is logged — a failing reader does not know it fails; only an inventory shows it. False if unchanged.
    /// </summary>
    public bool TagReader(byte slot, bool working)
    {
        RequireSlot(slot);
        lock (_gate) return working ? _blindSlots.Remove(slot) : _blindSlots.Add(slot);
    }

    /// <summary>
    /// The person who just put the key back into <paramref name="slot"/> reports a fault with it from the keypad (a line of
    /// <see cref="FaultList"/>, or any other): logged with the key's tag. False if the slot holds no key.
    /// </summary>
    public bool ReportFault(byte slot, FaultLevel severity, string description) =>
        LogAboutKeyIn(slot, (number, tag) => new KeyFaultReported(number, Now(), slot, tag, severity, description));

    /// <summary>
    /// The person who chose the key in <paramref name="slot"/> picks reason number <paramref name="choice"/> of the list the
    /// display shows: online the choice goes to the cluster with the key (KEY SELECTED), offline the cabinet releases the key
    /// itself and logs the reason (event 0x0E) right after the release. False unless the key of that slot was chosen and waits
    /// for a reason, or for a number not on its list (the display keeps asking).
    /// </summary>
    public InputOutcome ChooseReason(byte slot, byte choice)
    {
        RequireSlot(slot);
        lock (_gate)
        {
            if (_awaitingReason != slot || choice < 1 || choice > _questions.GetValueOrDefault(slot)?.Reasons.Count) return InputOutcome.Ignored;
            _awaitingReason = null;
            if (IsOnlineNow()) return Report(new KeySelected(slot, choice));
            var outcome = DecideSelection(slot);
            if (outcome == InputOutcome.Granted) LogAboutKeyIn(slot, (number, tag) => new TakeReasonChosen(number, Now(), slot, tag, choice));
            return outcome;
        }
    }

    /// <summary>
    /// The person who just put the key back into <paramref name="slot"/> keys in the answers to its return questions (null: not
    /// asked): logged with the key's tag. False if the slot holds no key.
    /// </summary>
    public bool AnswerReturn(byte slot, uint? odometerKm, byte? fuelPercent, bool? damaged) =>
        LogAboutKeyIn(slot, (number, tag) => new ReturnAnswered(number, Now(), slot, tag, odometerKm, fuelPercent, damaged));

    private bool LogAboutKeyIn(byte slot, Func<uint, ByteString, CabinetEvent> entry)
    {
        RequireSlot(slot);
        lock (_gate)
        {
            if (_tags[slot] is not { } tag) return false;
            Log(number => entry(number, tag));
            return true;
        }
    }

    /// <summary>The faults the cabinet's display offers after a return, as a site would configure them.</summary>
    public static readonly IReadOnlyList<(FaultLevel Severity, string Description)> FaultList =
    [
        (FaultLevel.Minor, "Key ring worn"),
        (FaultLevel.Minor, "Vehicle needs cleaning"),
        (FaultLevel.Major, "Warning light on"),
        (FaultLevel.Critical, "Vehicle unsafe to drive"),
    ];

    /// <summary>Opens the door (locked or not: a forced door is an event too); false if it was open.</summary>
    public bool OpenDoor() => MoveDoor(open: true);

    public bool CloseDoor() => MoveDoor(open: false);

    private bool MoveDoor(bool open)
    {
        lock (_gate)
        {
            if (_doorOpen == open) return false;
            _doorOpen = open;
            Log(open ? number => new DoorOpened(number, Now()) : number => new DoorClosed(number, Now()));
            return true;
        }
    }

    /// <summary>Trips (or restores) the tamper switch, input 1: logged like the door; false if it was in that state already.</summary>
    public bool Tamper(bool active)
    {
        lock (_gate)
        {
            if (_tampered == active) return false;
            _tampered = active;
            Log(active ? number => new TamperTripped(number, Now()) : number => new TamperRestored(number, Now()));
            return true;
        }
    }

    /// <summary>Cuts (or restores) mains power, the cabinet running on its battery meanwhile: logged, and LSTATR's power byte; false if unchanged.</summary>
    public bool MainsPower(bool on)
    {
        lock (_gate)
        {
            if (_onBattery == !on) return false;
            _onBattery = !on;
            Log(on ? number => new MainsPowerRestored(number, Now()) : number => new MainsPowerLost(number, Now()));
            return true;
        }
    }

    /// <summary>Below this charge the battery is logged low; it is normal again only from <see cref="BatteryNormalMark"/>, so a level hovering at the mark is not logged again and again.</summary>
    public const int BatteryLowMark = 20;

    public const int BatteryNormalMark = 30;

    /// <summary>Sets the battery's charge: logged when it crosses the low mark (or back over the normal mark); false if that changed nothing.</summary>
    public bool Battery(byte chargePercent)
    {
        if (chargePercent > 100) throw new ArgumentOutOfRangeException(nameof(chargePercent), "a battery's charge is 0 to 100 percent");
        lock (_gate)
        {
            var low = _batteryLow ? chargePercent < BatteryNormalMark : chargePercent < BatteryLowMark;
            if (low == _batteryLow) return false;
            _batteryLow = low;
            Log(number => new BatteryChanged(number, Now(), low, chargePercent));
            return true;
        }
    }

    private bool RemoveTag(byte slot)
    {
        if (_tags[slot] is not { } tag) return false;
        _tags[slot] = null;
        Log(number => new TagRemoved(number, Now(), slot, tag));
        return true;
    }

    private InputOutcome Report(Reply input)
    {
        _endpoint.Input.Add(input);
        Changed();
        return InputOutcome.Reported;
    }
}
