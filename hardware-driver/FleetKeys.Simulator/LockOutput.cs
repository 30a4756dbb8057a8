using FleetKeys.Protocol.Messages;

namespace FleetKeys.Simulator;

/// <summary>
/// One lock (the door's or a slot's) driven as an OSDP output: a permanent state, and a timed
/// state over it that falls back when its timer ends. "On" is released. Time is the simulator's
/// TimeProvider, read when asked, so an expired release needs no timer of its own.
/// </summary>
internal sealed class LockOutput
{
    private bool _permanent;
    private (bool Released, DateTimeOffset Until)? _timed;

    public void Apply(OutputMode mode, TimeSpan timer, DateTimeOffset now)
    {
        switch (mode)
        {
            case OutputMode.PermanentOffAbortTimed:
                (_permanent, _timed) = (false, null);
                break;
            case OutputMode.PermanentOnAbortTimed:
                (_permanent, _timed) = (true, null);
                break;
            case OutputMode.PermanentOffAllowTimed:
                _permanent = false;
                break;
            case OutputMode.PermanentOnAllowTimed:
                _permanent = true;
                break;
            case OutputMode.TemporaryOn:
                _timed = (true, now + timer);
                break;
            case OutputMode.TemporaryOff:
                _timed = (false, now + timer);
                break;
        }
    }

    /// <summary>Null while locked; when the release ends; <see cref="DateTimeOffset.MaxValue"/> if it does not.</summary>
    public DateTimeOffset? ReleasedUntil(DateTimeOffset now)
    {
        if (_timed is { } timed && now < timed.Until)
            return !timed.Released ? null : _permanent ? DateTimeOffset.MaxValue : timed.Until;
        return _permanent ? DateTimeOffset.MaxValue : null;
    }
}
