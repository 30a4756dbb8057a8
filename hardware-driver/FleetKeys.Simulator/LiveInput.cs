using FleetKeys.Protocol;
using FleetKeys.Protocol.Messages;

namespace FleetKeys.Simulator;

/// <summary>
/// What a person did at a device (card reads, keypad entries, key selections), reported one per poll, oldest first — and
/// kept after it left until the panel shows it received the reply that carried it: by its next fresh command in the same
/// session. If the panel starts a new session instead (its retransmissions went unanswered, or it reconnected), the input
/// goes back to the front and is reported again at the first poll of the new session (docs/protocol.md, "Live input").
/// Not thread-safe: its device calls it under its own lock.
/// </summary>
internal sealed class LiveInput
{
    private readonly LinkedList<Reply> _waiting = new();
    private Reply? _unconfirmed;

    /// <summary>Input not yet reported (or to be reported again), oldest first.</summary>
    public ValueList<Reply> Waiting => new(_waiting);

    public int Count => _waiting.Count;

    public void Add(Reply input) => _waiting.AddLast(input);

    /// <summary>The reply to a poll: the oldest input waiting, now in flight until confirmed; null when none waits.</summary>
    public Reply? Report()
    {
        if (_waiting.First is not { } first) return null;
        _waiting.RemoveFirst();
        _unconfirmed = first.Value;
        return first.Value;
    }

    /// <summary>A fresh command in the session: the panel got the reply before it, input and all.</summary>
    public void Confirmed() => _unconfirmed = null;

    /// <summary>A new session: input whose reply the panel may never have read is reported again, first.</summary>
    public void SessionStarted()
    {
        if (_unconfirmed is { } input) _waiting.AddFirst(input);
        _unconfirmed = null;
    }

    /// <summary>The device decides alone now: input the panel never confirmed is void.</summary>
    public void Clear()
    {
        _waiting.Clear();
        _unconfirmed = null;
    }
}
