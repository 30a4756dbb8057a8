namespace FleetKeys.Driver.Polling;

/// <summary>
/// Which cabinet on a controller's bus gets the next exchange, and how long the bus rests before it. Cabinets take turns
/// in address order; while any of them has work the exchanges follow one another at once, and an idle bus polls each
/// cabinet once per poll interval.
/// </summary>
internal sealed class PollScheduler(IEnumerable<byte> addresses, TimeSpan pollInterval)
{
    private readonly byte[] _order = [.. addresses.Order()];
    private int _next;

    public bool IsEmpty => _order.Length == 0;

    public byte Next()
    {
        var address = _order[_next];
        _next = (_next + 1) % _order.Length;
        return address;
    }

    public TimeSpan RestAfterExchange(bool anyWork) => anyWork ? TimeSpan.Zero : pollInterval / Math.Max(1, _order.Length);
}
