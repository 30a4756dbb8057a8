using FleetKeys.Domain.Ids;
using FleetKeys.Driver.Cabinets;

namespace FleetKeys.Driver.Tests;

/// <summary>A badge at a cabinet that requires a PIN, waiting for the keypad.</summary>
public sealed class PinEntrySpecs
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 4, 9, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);
    private static readonly BadgeNumber Ada = new("04A1B2C3");
    private static readonly BadgeNumber Bob = new("04A1B2C4");

    [Fact]
    public void Keys_typed_within_the_timeout_complete_the_waiting_badge_without_the_enter_key()
    {
        var entry = new PinEntry();
        entry.BadgeRead(Ada, T0);

        Assert.Equal(new PinEntry.Typed.Pin(Ada, "1234"), entry.KeysTyped("1234#", T0 + Timeout, Timeout));
    }

    [Fact]
    public void Keys_beginning_with_a_star_change_the_pin_when_the_new_one_is_typed_the_same_twice()
    {
        PinEntry.Typed? Typed(string keys)
        {
            var entry = new PinEntry();
            entry.BadgeRead(Ada, T0);
            return entry.KeysTyped(keys, T0.AddSeconds(5), Timeout);
        }

        Assert.Equal(new PinEntry.Typed.PinChange(Ada, "1234", "2468"), Typed("*1234*2468*2468#"));
        Assert.Equal(new PinEntry.Typed.PinChangeMistyped(Ada), Typed("*1234*2468*2469#"));
        Assert.Equal(new PinEntry.Typed.PinChangeMistyped(Ada), Typed("*1234*2468#"));
        Assert.Equal(new PinEntry.Typed.PinChangeMistyped(Ada), Typed("*1234***#"));
    }

    [Fact]
    public void Keys_typed_after_the_timeout_complete_nothing_and_the_badge_stops_waiting()
    {
        var entry = new PinEntry();
        entry.BadgeRead(Ada, T0);

        Assert.Null(entry.KeysTyped("1234#", T0 + Timeout + TimeSpan.FromMilliseconds(1), Timeout));
        Assert.Null(entry.KeysTyped("1234#", T0 + Timeout, Timeout));
    }

    [Fact]
    public void A_badge_is_completed_once()
    {
        var entry = new PinEntry();
        entry.BadgeRead(Ada, T0);
        entry.KeysTyped("1234#", T0.AddSeconds(1), Timeout);

        Assert.Null(entry.KeysTyped("9999#", T0.AddSeconds(2), Timeout));
    }

    [Fact]
    public void Keys_typed_with_no_badge_waiting_complete_nothing()
    {
        Assert.Null(new PinEntry().KeysTyped("1234#", T0, Timeout));
    }

    [Fact]
    public void A_new_badge_replaces_the_one_waiting_and_its_own_timeout_counts()
    {
        var entry = new PinEntry();
        entry.BadgeRead(Ada, T0);
        entry.BadgeRead(Bob, T0.AddSeconds(15));

        Assert.Equal(new PinEntry.Typed.Pin(Bob, "4321"), entry.KeysTyped("4321#", T0.AddSeconds(30), Timeout));
    }

    [Fact]
    public void A_new_connection_forgets_the_badge_waiting()
    {
        var entry = new PinEntry();
        entry.BadgeRead(Ada, T0);

        entry.Clear();

        Assert.Null(entry.KeysTyped("1234#", T0.AddSeconds(1), Timeout));
    }
}
