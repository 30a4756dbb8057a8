using FleetKeys.Protocol.Messages;

namespace FleetKeys.Simulator;

/// <summary>
/// Awaitable observations: each completes on the change itself (a command executed, a person's
/// action, the offline timer on the TimeProvider), so tests neither poll nor sleep. Cancel with
/// the token; disposing the controller fails what is still waiting.
/// </summary>
public sealed partial class SimulatedCabinet
{
    /// <summary>Completes once <paramref name="condition"/> holds; it runs under the cabinet's lock, so keep it to reading state.</summary>
    public Task WaitUntilAsync(Func<SimulatedCabinet, bool> condition, CancellationToken cancellationToken = default) =>
        _watchers.Add(() => (condition(this), true), cancellationToken);

    /// <summary>Completes once the slot's lock (0: the door's) is released, by OUT or by an offline grant.</summary>
    public Task WhenUnlocked(byte slot, CancellationToken cancellationToken = default)
    {
        if (slot != OutputAction.Door) RequireSlot(slot);
        return _watchers.Add(() => (ReleasedUntil(slot) is not null, true), cancellationToken);
    }

    /// <summary>Completes with the display's text once a TEXT command has put up one that matches.</summary>
    public Task<string> WhenText(Func<string, bool> predicate, CancellationToken cancellationToken = default) =>
        _watchers.Add(() => _reader.Shows(predicate), cancellationToken);

    /// <summary>Completes once no logged event is waiting for an acknowledgement.</summary>
    public Task WhenAllEventsAcknowledged(CancellationToken cancellationToken = default) =>
        _watchers.Add(() => (_log.PendingCount == 0, true), cancellationToken);

    /// <summary>Completes on the first authenticated command after being offline (or at once if online).</summary>
    public Task WhenOnline(CancellationToken cancellationToken = default) =>
        _watchers.Add(() => (IsOnlineNow(), true), cancellationToken);

    /// <summary>Completes when <see cref="Protocol.ProtocolTiming.OfflineAfter"/> has passed on the TimeProvider without an authenticated command.</summary>
    public Task WhenOffline(CancellationToken cancellationToken = default) =>
        _watchers.Add(() => (!IsOnlineNow(), true), cancellationToken);
}
