using FleetKeys.Domain.Ids;

namespace FleetKeys.Driver.Cabinets;

/// <summary>
/// At a cabinet that requires a PIN, a badge waits for the keypad: the keys typed within the PIN timeout complete it,
/// keys typed later or with no badge waiting complete nothing, and a new badge replaces the one waiting. Keys that begin
/// with '*' change the PIN instead: <c>*current*new*new#</c>.
/// </summary>
internal sealed class PinEntry
{
    private (BadgeNumber Badge, DateTimeOffset At)? _waiting;

    public void BadgeRead(BadgeNumber badge, DateTimeOffset at) => _waiting = (badge, at);

    /// <summary>What the typed keys complete for the waiting badge (the closing '#' is the keypad's enter key, not part of a PIN).</summary>
    public Typed? KeysTyped(string keys, DateTimeOffset at, TimeSpan timeout)
    {
        if (_waiting is not { } waiting) return null;
        _waiting = null;
        if (at - waiting.At > timeout) return null;
        var entered = keys.TrimEnd('#');
        if (!entered.StartsWith('*')) return new Typed.Pin(waiting.Badge, entered);
        // The new PIN twice, so a slip of the finger does not lock the person out of their own cabinet.
        return entered.Split('*') is ["", var current, var pin, var again] && pin == again && pin.Length > 0
            ? new Typed.PinChange(waiting.Badge, current, pin)
            : new Typed.PinChangeMistyped(waiting.Badge);
    }

    /// <summary>A new connection starts without input in flight.</summary>
    public void Clear() => _waiting = null;

    public abstract record Typed(BadgeNumber Badge)
    {
        public sealed record Pin(BadgeNumber Badge, string Value) : Typed(Badge);

        public sealed record PinChange(BadgeNumber Badge, string Current, string New) : Typed(Badge);

        /// <summary>A change whose new PIN was not typed the same twice (or not in the form): nothing is asked.</summary>
        public sealed record PinChangeMistyped(BadgeNumber Badge) : Typed(Badge);
    }
}
