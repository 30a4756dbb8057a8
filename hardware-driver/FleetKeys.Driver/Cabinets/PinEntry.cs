using FleetKeys.Domain.Ids;

namespace FleetKeys.Driver.Cabinets;

/// <summary>
/// At a cabinet that requires a PIN, a badge waits for the keypad: the keys typed within the PIN timeout complete it,
/// keys typed later or with no badge waiting complete nothing, and a new badge replaces the one waiting.
/// </summary>
internal sealed class PinEntry
{
    private (BadgeNumber Badge, DateTimeOffset At)? _waiting;

    public void BadgeRead(BadgeNumber badge, DateTimeOffset at) => _waiting = (badge, at);

    /// <summary>The badge the typed keys complete and its PIN (the closing '#' is the keypad's enter key, not part of it).</summary>
    public (BadgeNumber Badge, string Pin)? KeysTyped(string keys, DateTimeOffset at, TimeSpan timeout)
    {
        if (_waiting is not { } waiting) return null;
        _waiting = null;
        return at - waiting.At <= timeout ? (waiting.Badge, keys.TrimEnd('#')) : null;
    }

    /// <summary>A new connection starts without input in flight.</summary>
    public void Clear() => _waiting = null;
}
