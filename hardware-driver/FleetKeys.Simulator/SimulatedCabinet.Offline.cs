using FleetKeys.Protocol;
using FleetKeys.Protocol.Messages;

namespace FleetKeys.Simulator;

/// <summary>
/// Offline operation (docs/protocol.md, "Offline operation"): without an authenticated command for
/// <see cref="ProtocolTiming.OfflineAfter"/> on the TimeProvider, the cabinet decides badges, PINs
/// and key selections itself by its policy and allow-list, and logs every decision.
/// </summary>
public sealed partial class SimulatedCabinet
{
    /// <summary>True from the first authenticated command until <see cref="ProtocolTiming.OfflineAfter"/> passes without one.</summary>
    public bool IsOnline
    {
        get
        {
            lock (_gate) return IsOnlineNow();
        }
    }

    private bool IsOnlineNow() => _lastCommandAt is { } last && _time.GetUtcNow() - last < ProtocolTiming.OfflineAfter;

    private void MarkOnline()
    {
        // Back in touch: from now on the cluster decides, so a half-finished local visit ends.
        if (!IsOnlineNow()) _local = null;
        _lastCommandAt = _time.GetUtcNow();
        _offlineTimer.Change(ProtocolTiming.OfflineAfter, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Only wakes the watchers: whether the cabinet is online is always computed from the clock.</summary>
    private void OnOfflineTimer()
    {
        lock (_gate)
        {
            if (_lastCommandAt is { } last && _time.GetUtcNow() - last < ProtocolTiming.OfflineAfter)
            {
                // A real clock may fire a hair early: look again when the time is really up.
                _offlineTimer.Change(ProtocolTiming.OfflineAfter - (_time.GetUtcNow() - last), Timeout.InfiniteTimeSpan);
                return;
            }
            // Input the cluster never saw is void: the person presents again and is decided locally.
            _endpoint.Input.Clear();
            Changed();
        }
    }

    private InputOutcome DecideBadge(ByteString badge)
    {
        _local = null;
        var entry = _allowList.Find(badge);
        if (_policy == OfflinePolicy.DenyAll) return Deny(badge, entry?.PersonId, OutputAction.Door, DenialReason.PolicyDenyAll);
        if (entry is null) return Deny(badge, null, OutputAction.Door, DenialReason.UnknownBadge);
        var now = Now();
        if (entry.ValidFrom is { } from && now < from || entry.ValidUntil is { } until && now >= until)
            return Deny(badge, entry.PersonId, OutputAction.Door, DenialReason.OutsideValidity);
        if (entry.Pin is null) return Admit(badge, entry);
        _local = new AwaitingPin(badge, entry);
        return InputOutcome.AwaitingPin;
    }

    private InputOutcome DecidePin(AwaitingPin waiting, bool matches)
    {
        if (matches) return Admit(waiting.Badge, waiting.Entry);
        _local = null;
        return Deny(waiting.Badge, waiting.Entry.PersonId, OutputAction.Door, DenialReason.WrongPin);
    }

    private InputOutcome DecideSelection(byte slot)
    {
        if (_local is not Admitted admitted || _time.GetUtcNow() >= admitted.Until) return InputOutcome.Ignored;
        if (!admitted.Entry.Slots.Contains(slot))
            return Deny(admitted.Badge, admitted.Entry.PersonId, slot, DenialReason.SlotNotAllowed);
        return Grant(admitted.Badge, admitted.Entry, slot);
    }

    /// <summary>The door opens for the person, who may then select keys for a while.</summary>
    private InputOutcome Admit(ByteString badge, AllowListEntry entry)
    {
        var outcome = Grant(badge, entry, OutputAction.Door);
        if (outcome == InputOutcome.Granted) _local = new Admitted(badge, entry, _time.GetUtcNow() + _options.LocalReleaseTime);
        return outcome;
    }

    /// <summary>Releases the door (output 0) or a slot and logs it; nothing is granted that cannot be logged.</summary>
    private InputOutcome Grant(ByteString badge, AllowListEntry entry, byte output)
    {
        if (_log.IsFull) return InputOutcome.Denied;
        _locks[output].Apply(OutputMode.TemporaryOn, _options.LocalReleaseTime, _time.GetUtcNow());
        Log(number => new OfflineAccessGranted(number, Now(), badge, entry.PersonId, output));
        return InputOutcome.Granted;
    }

    /// <summary>A full log refuses without a record rather than drop an unacknowledged event.</summary>
    private InputOutcome Deny(ByteString badge, string? personId, byte slot, DenialReason reason)
    {
        if (!_log.IsFull) Log(number => new OfflineAccessDenied(number, Now(), badge, personId ?? "", slot, reason));
        return InputOutcome.Denied;
    }

    /// <summary>Who stands at the reader while offline.</summary>
    private abstract record LocalAccess(ByteString Badge, AllowListEntry Entry);

    /// <summary>A badge whose entry requires a PIN, not yet entered.</summary>
    private sealed record AwaitingPin(ByteString Badge, AllowListEntry Entry) : LocalAccess(Badge, Entry);

    /// <summary>A person let in, who may select keys until <see cref="Until"/>.</summary>
    private sealed record Admitted(ByteString Badge, AllowListEntry Entry, DateTimeOffset Until) : LocalAccess(Badge, Entry);
}
