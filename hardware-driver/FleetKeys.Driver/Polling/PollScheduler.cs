namespace FleetKeys.Driver.Polling;

/// <summary>
/// Which cabinet on a controller's bus gets the next exchange, and how long the bus rests before it. A cabinet with work
/// goes at once; otherwise each is polled when its poll falls due: every poll interval while it is active (input or
/// events lately, or a session open), every idle interval once it has been quiet for the active window. Cabinets take
/// turns in address order among those due. Times are the bus's own monotonic clock, the one its timers run on.
/// </summary>
internal sealed class PollScheduler
{
    private readonly byte[] _order;
    private readonly Dictionary<byte, Pace> _paces;
    private readonly PollPacing _pacing;
    private int _next;

    private sealed class Pace
    {
        /// <summary>When it was last given an exchange; null before its first.</summary>
        public TimeSpan? LastExchange;

        /// <summary>Until when it counts as active; null while it has never been.</summary>
        public TimeSpan? ActiveUntil;
    }

    public PollScheduler(IEnumerable<byte> addresses, PollPacing pacing)
    {
        _order = [.. addresses.Order()];
        _paces = _order.ToDictionary(a => a, _ => new Pace());
        _pacing = pacing;
    }

    public bool IsEmpty => _order.Length == 0;

    /// <summary>
    /// The cabinet whose turn it is at <paramref name="now"/>: the first after the last one served, in address order, that has
    /// work or whose poll is due; null when the bus may rest (<see cref="Rest"/>).
    /// </summary>
    public byte? Next(TimeSpan now, Func<byte, bool> hasWork)
    {
        for (var i = 0; i < _order.Length; i++)
        {
            var index = (_next + i) % _order.Length;
            var address = _order[index];
            if (!hasWork(address) && DueAt(address) > now) continue;
            _next = (index + 1) % _order.Length;
            _paces[address].LastExchange = now;
            return address;
        }

        return null;
    }

    /// <summary>
    /// Every cabinet whose turn it is at <paramref name="now"/>, at most <paramref name="max"/>, in the order <see cref="Next"/>
    /// gives them: the frames of one write. Each is served once; the rest wait for the next write.
    /// </summary>
    public IReadOnlyList<byte> Due(TimeSpan now, Func<byte, bool> hasWork, int max)
    {
        var due = new List<byte>();
        while (due.Count < max && Next(now, address => !due.Contains(address) && hasWork(address)) is { } address && !due.Contains(address))
            due.Add(address);
        return due;
    }

    /// <summary>How long the bus rests before the next poll falls due, when no cabinet has work (a bus with cabinets only).</summary>
    public TimeSpan Rest(TimeSpan now) => TimeSpan.FromTicks(Math.Max(0, _order.Min(DueAt).Ticks - now.Ticks));

    /// <summary>
    /// The cabinet is in use (a badge, keys, a key chosen, events to upload): it is polled at the full rate for the active
    /// window from <paramref name="now"/>, or until <paramref name="until"/> (an open session) if that is later.
    /// </summary>
    public void Active(byte address, TimeSpan now, TimeSpan? until = null)
    {
        if (!_paces.TryGetValue(address, out var pace)) return;
        var end = now + _pacing.ActiveWindow;
        if (until > end) end = until.Value;
        if (pace.ActiveUntil is not { } current || end > current) pace.ActiveUntil = end;
    }

    /// <summary>
    /// When the cabinet's next poll falls due: at once before its first exchange; a poll interval after its last while it
    /// is active (a cabinet that turned idle since is still polled once more at the full rate), an idle interval after it otherwise.
    /// </summary>
    private TimeSpan DueAt(byte address)
    {
        var pace = _paces[address];
        if (pace.LastExchange is not { } last) return TimeSpan.MinValue;
        var active = pace.ActiveUntil > last;
        return last + (active ? _pacing.Interval : _pacing.IdleInterval);
    }
}
