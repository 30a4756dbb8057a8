using FleetKeys.Domain;
using FleetKeys.Domain.Controllers;
using FleetKeys.Domain.Ids;
using FleetKeys.Domain.KeySlots;
using FleetKeys.Driver.Cabinets;
using FleetKeys.Protocol;
using FleetKeys.Protocol.Channels;
using FleetKeys.Protocol.Messages;

namespace FleetKeys.Driver;

/// <summary>
/// The driver's view of one device on the controller's bus: its secure channel, the commands waiting to go out, and, for a
/// cabinet's board, the cabinet-side context of the take flow (a badge waiting for its PIN, the open session). On a mixed
/// bus a cabinet is two devices: its board, and a stock OSDP reader (<see cref="Reader"/>, <see cref="Board"/>) that reads
/// badges and PINs and shows what the person sees and hears (docs/protocol.md, "A mixed bus").
/// </summary>
internal sealed class CabinetOnBus(byte address, AttachedCabinet cabinet, PanelChannel channel)
{
    /// <summary>
    /// A new connection means a new secure session and no input in flight; what the cluster was told (online or not),
    /// the commands not yet delivered and the person's open session carry over — that session is the cluster's, not the
    /// link's, so a person welcomed before a cut chooses their key after it (the cabinet entity still checks it).
    /// </summary>
    public void Reconnected(PanelChannel channel)
    {
        Requeue();
        Channel = channel;
        _retransmissions = 0;
        Uploading = false;
        Pin.Clear();
    }

    private readonly LinkedList<Command> _outbox = new();

    /// <summary>
    /// Allow-list changes wait in a lane of their own: after a reload or a directory rebuild there are hundreds per
    /// cabinet, and neither what a person at the cabinet waits for nor the polls that pick up their badge may queue behind them.
    /// </summary>
    private readonly LinkedList<Command> _allowListChanges = new();

    private int _changesSincePoll;

    /// <summary>During a long allow-list sync, every this many changes the cabinet is polled, so input is picked up within a few rounds.</summary>
    public const int AllowListChangesPerPoll = 4;

    /// <summary>On a stock reader: the board of the cabinet it reads for, whose take flow its input feeds. Null on a board.</summary>
    public CabinetOnBus? Board { get; private init; }

    /// <summary>On a board: the stock reader beside it, if the cabinet has one; its texts, LEDs and tones go there.</summary>
    public CabinetOnBus? Reader { get; private set; }

    /// <summary>The stock reader at <paramref name="readerAddress"/> that reads for this board's cabinet, bound to it both ways.</summary>
    public CabinetOnBus AddReader(byte readerAddress, PanelChannel readerChannel, Commissioning? commissioning) =>
        Reader = new CabinetOnBus(readerAddress, cabinet, readerChannel) { Board = this, Commissioning = commissioning };

    /// <summary>
    /// On a probe: the address the device it looks for is moving away from. A probe opens a session at the new address only
    /// to find the device there (<see cref="BusMoves"/>); it stands for no cabinet and no reader meanwhile.
    /// </summary>
    public byte? MovingFrom { get; init; }

    public byte Address { get; } = address;
    public CabinetId Cabinet { get; } = cabinet.Cabinet;
    public bool RequiresPin { get; } = cabinet.RequiresPin;
    public PanelChannel Channel { get; private set; } = channel;

    /// <summary>The operator's commissioning window for this device, if one is open (from the controller's configuration).</summary>
    public Commissioning? Commissioning { get; init; }

    /// <summary>
    /// The device offered SCBK-D inside its commissioning window: the handshake starts over under SCBK-D, and the device's
    /// own key (KEYSET) goes ahead of everything in the session.
    /// </summary>
    public byte[] Commission(Commissioning commissioning)
    {
        var (commissioningChannel, keySet) = commissioning.Begin();
        Channel = commissioningChannel;
        _outbox.AddFirst(keySet);
        return Channel.StartHandshake();
    }

    /// <summary>The command sent and not yet answered; put back at the front if the session drops under it.</summary>
    public Command? InFlight { get; set; }

    private int _retransmissions;

    /// <summary>Whether the cabinet answers, as reported to the cluster.</summary>
    public Liveness Liveness { get; } = new();

    /// <summary>What the device said it is (asked of a stock reader after each new session).</summary>
    public DeviceProfile Profile { get; } = new();
    public bool Uploading { get; set; }
    public PinEntry Pin { get; } = new();
    public InventoryPages Inventory { get; } = new();
    public (SessionId Session, DateTimeOffset ExpiresAt)? Session { get; set; }

    private (SiteId Site, IReadOnlyDictionary<int, KeyGroup> Groups)? _layout;

    /// <summary>
    /// The cabinet's site and which key group sits in which slot, for the slots the controller may release on its own;
    /// known once the cabinet was asked after connecting.
    /// </summary>
    public (SiteId Site, IReadOnlyDictionary<int, KeyGroup> Groups)? Layout
    {
        get => _layout;
        set
        {
            _layout = value;
            GroupSlots = value is { } layout ? new GroupSlots(layout.Groups) : null;
        }
    }

    /// <summary>The layout's slots by key group, worked out once per layout: every person's allow-list entry takes its slots from them.</summary>
    public GroupSlots? GroupSlots { get; private set; }

    /// <summary>What the controller was told each slot's key asks (<see cref="SlotQuestionsPush"/>); slots asking nothing are absent.</summary>
    public Dictionary<int, CustodyQuestions> QuestionsSent { get; } = [];

    /// <summary>The version the controller's allow-list reaches once every queued change is applied.</summary>
    public uint AllowListVersion { get; set; }

    /// <summary>The version the controller last acknowledged: where its list stands, as far as this driver knows.</summary>
    public uint AcknowledgedAllowListVersion { get; set; }

    /// <summary>What the allow-list holds of each person, and from which version of their profile (people without entries here are not named).</summary>
    public Dictionary<PersonId, PushedEntries> Pushed { get; } = [];

    /// <summary>
    /// Revoked people whose removal this cabinet has not yet acknowledged, with the list version that removes them
    /// (<see cref="AfterReload"/> while the cabinet is unreachable: the next reload removes them).
    /// </summary>
    public Dictionary<PersonId, uint> AwaitingPurge { get; } = [];

    public const uint AfterReload = uint.MaxValue;

    /// <summary>Locks of slots whose release a revocation voided, queued or in flight (by the command itself), to be confirmed once acknowledged.</summary>
    public Dictionary<OutputControl, DriveRelock> AwaitingRelock { get; } = new(ReferenceEqualityComparer.Instance);

    /// <summary>Drops queued allow-list changes: a reload replaces them, and stale versions would only be refused.</summary>
    public void DropQueuedAllowListChanges() => _allowListChanges.Clear();

    /// <summary>
    /// After a handshake: whether the controller's list, at <paramref name="version"/>, is one this driver brought it to —
    /// the version it saw acknowledged, or a later one whose acknowledgement the broken link lost. If so, the changes the
    /// controller applied are forgotten and the rest go on. If not (nothing sent yet, a clear still to go, a version this
    /// driver never sent), the list has to be replaced whole.
    /// </summary>
    public bool ContinuesFrom(uint version)
    {
        if (Layout is null || version < AcknowledgedAllowListVersion || version > AllowListVersion
            || _allowListChanges.Any(c => c is AllowListClear)) return false;
        for (var change = _allowListChanges.First; change is not null;)
        {
            var next = change.Next;
            if (VersionOf(change.Value) <= version) _allowListChanges.Remove(change);
            change = next;
        }

        AcknowledgedAllowListVersion = version;
        return true;
    }

    public static uint VersionOf(Command? command) => command switch
    {
        AllowListUpsert u => u.Version,
        AllowListPurge p => p.Version,
        AllowListClear c => c.Version,
        AllowListRemove r => r.Version,
        _ => 0,
    };

    /// <summary>Every allow-list change was acknowledged: the controller's list is what <see cref="Pushed"/> says.</summary>
    public bool AllowListInStep => _allowListChanges.Count == 0 && !IsAllowListChange(InFlight);

    public bool HasWork => _outbox.Count > 0 || _allowListChanges.Count > 0 || InFlight is not null;

    /// <summary>What the person at the cabinet is to see or hear goes to its stock reader when it has one; the rest is the board's.</summary>
    public void Enqueue(params Command[] commands)
    {
        foreach (var command in commands)
            if (Reader is not null && CabinetFeedback.ShownByReader(command)) Reader.Enqueue(command);
            else LaneOf(command).AddLast(command);
    }

    /// <summary>Unlocks go ahead of everything else: a person is standing at the slot.</summary>
    public void EnqueueFirst(Command command) => _outbox.AddFirst(command);

    /// <summary>
    /// Releases queued or in flight (by the command itself), with the end of each one's window. The cluster lets a release
    /// lapse when its window ends and counts a key taken after it as a forced removal, so the cabinet is never given more
    /// than what is left of the window when the unlock goes out: a release held up in the queue, or sent again after a new
    /// session, opens the outputs for less, and one whose window ended before it went out opens nothing.
    /// </summary>
    private readonly Dictionary<OutputControl, ReleaseWindow> _releases = new(ReferenceEqualityComparer.Instance);

    /// <summary>What opens until when; <c>Prompt</c> tells the person at the cabinet where the key is (none for a door or many slots).</summary>
    private sealed record ReleaseWindow(IReadOnlyList<byte> Outputs, DateTimeOffset Until, Command? Prompt);

    /// <summary>The slot opens ahead of everything queued, until <paramref name="until"/> at the latest; the person is told where the key is.</summary>
    public void Release(int slot, DateTimeOffset until, DateTimeOffset now) => Open([(byte)slot], until, now, CabinetFeedback.TakeKey(slot));

    /// <summary>The outputs (slots, <see cref="OutputAction.Door"/>) open ahead of everything queued, until <paramref name="until"/> at the latest.</summary>
    public void Open(IReadOnlyList<byte> outputs, DateTimeOffset until, DateTimeOffset now, Command? prompt = null)
    {
        var release = new ReleaseWindow(outputs, until, prompt);
        if (Timed(release, now) is not { } unlock) return;
        EnqueueFirst(unlock);
        if (prompt is not null) Enqueue(prompt);
    }

    /// <summary>
    /// The outputs lock ahead of everything queued, and a release still queued for any of them is dropped: it was decided
    /// before the lock-down and would otherwise open the lock right after it (a person waiting for that key is told why).
    /// </summary>
    public void Lock(IReadOnlyList<byte> outputs)
    {
        // One in flight is forgotten too: should its session be lost, it is not sent again (Requeue).
        foreach (var (unlock, release) in _releases.Where(r => r.Value.Outputs.Intersect(outputs).Any()).ToList())
        {
            _outbox.Remove(unlock);
            _releases.Remove(unlock);
            Withdraw(release, Rejection.Of(RejectionCode.Conflict, "the cabinet was locked down before the release reached it"));
        }

        EnqueueFirst(new OutputControl([.. outputs.Select(OutputAction.Lock)]));
    }

    /// <summary>
    /// The unlock of <paramref name="release"/> timed for what is left of its window at <paramref name="now"/>; null if nothing
    /// is left, and a person waiting for the key is shown "Try again".
    /// </summary>
    private OutputControl? Timed(ReleaseWindow release, DateTimeOffset now)
    {
        if (release.Until <= now)
        {
            Withdraw(release, Rejection.Of(RejectionCode.Unavailable, "the release lapsed before it reached the cabinet"));
            return null;
        }

        var unlock = CabinetFeedback.Unlock(release.Outputs, release.Until - now);
        _releases[unlock] = release;
        return unlock;
    }

    /// <summary>A release that will not open: the person told where the key is (if anyone was) is told why not instead.</summary>
    private void Withdraw(ReleaseWindow release, Rejection why)
    {
        if (release.Prompt is null) return;
        (Reader ?? this)._outbox.Remove(release.Prompt);
        Enqueue(CabinetFeedback.Refused(why));
    }

    /// <summary>The cabinet answered the command in flight: it is done with, whatever it was.</summary>
    public Command? Answered()
    {
        var sent = InFlight;
        if (sent is OutputControl output) _releases.Remove(output);
        InFlight = null;
        return sent;
    }

    /// <summary>
    /// The frame of this cabinet's next exchange: the last one again while its reply is missing, up to the retransmission
    /// limit; a new handshake when there is no session or the reply never came (the command in flight waits for the new
    /// session); otherwise the next command.
    /// </summary>
    public byte[] NextFrame(DateTimeOffset now)
    {
        if (Channel.IsAwaitingReply && _retransmissions <= ProtocolTiming.MaxRetransmissions) return Channel.Retransmit();
        _retransmissions = 0;
        if (!Channel.IsEstablished || Channel.IsAwaitingReply)
        {
            Requeue();
            return Channel.StartHandshake();
        }

        InFlight = Next(now);
        return Channel.Send(InFlight);
    }

    /// <summary>
    /// An established session whose last frame went unanswered through every retransmission: the next frame starts the
    /// session over, and what was in flight waits for it. A device that never answered has no session to lose.
    /// </summary>
    public bool SessionLost => Channel.IsEstablished && Channel.IsAwaitingReply && _retransmissions > ProtocolTiming.MaxRetransmissions;

    /// <summary>The reply did not come in time: the next exchange sends the frame again (<see cref="NextFrame"/>).</summary>
    public void TimedOut() => _retransmissions++;

    /// <summary>Commands first (a release timed at <paramref name="now"/>), then allow-list changes with a poll between every few, then polls.</summary>
    public Command Next(DateTimeOffset now)
    {
        if (_outbox.First is { } first)
        {
            _outbox.RemoveFirst();
            return first.Value is OutputControl unlock && _releases.Remove(unlock, out var release) ? Timed(release, now) ?? Next(now) : first.Value;
        }

        if (_allowListChanges.First is { } change && _changesSincePoll < AllowListChangesPerPoll)
        {
            _allowListChanges.RemoveFirst();
            _changesSincePoll++;
            return change.Value;
        }

        _changesSincePoll = 0;
        return new Poll();
    }

    /// <summary>The in-flight command survives a lost session: it goes out again after the next handshake.</summary>
    public void Requeue()
    {
        if (InFlight is not null and not Poll && !IsWithdrawn(InFlight)) LaneOf(InFlight).AddFirst(InFlight);
        InFlight = null;
    }

    /// <summary>Every unlock is a release's until it is answered; one no release owns was withdrawn (<see cref="Lock"/>).</summary>
    private bool IsWithdrawn(Command command) =>
        command is OutputControl output && output.Actions.Any(a => a.Mode == OutputMode.TemporaryOn) && !_releases.ContainsKey(output);

    private LinkedList<Command> LaneOf(Command command) => IsAllowListChange(command) ? _allowListChanges : _outbox;

    public static bool IsAllowListChange(Command? command) => command is AllowListUpsert or AllowListPurge or AllowListRemove or AllowListClear;
}
