namespace FleetKeys.Driver;

/// <summary>
/// One warning per interval for trouble that repeats (refused frames, failed authentication, failing dials): the first is
/// logged at once, the rest within the interval are only counted, and the next line says how many were held back. A
/// misbehaving controller costs a line now and then, not a line per frame. Time is given, not read.
/// </summary>
internal sealed class LogThrottle(TimeSpan interval)
{
    private DateTimeOffset? _lastLogged;
    private int _heldBack;

    /// <returns>Whether to log this occurrence; if so, <paramref name="heldBack"/> counts those not logged since the last line.</returns>
    public bool ShouldLog(DateTimeOffset now, out int heldBack)
    {
        heldBack = 0;
        if (_lastLogged is { } last && now - last < interval)
        {
            _heldBack++;
            return false;
        }

        (_lastLogged, heldBack, _heldBack) = (now, _heldBack, 0);
        return true;
    }
}
