using FleetKeys.Protocol;
using FleetKeys.Testing;
using Microsoft.Extensions.Time.Testing;

namespace FleetKeys.Node.Tests.EndToEnd;

/// <summary>At a simulated cabinet over TCP: a PIN past the fleet's age limit is refused until it is changed on the keypad.</summary>
public sealed class PinExpiryEndToEndSpecs : IAsyncLifetime
{
    private readonly SqliteTestDatabase _database = new();
    private readonly FakeTimeProvider _nodeClock = new(DateTimeOffset.UtcNow);
    private HardwareRig _rig = null!;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        _rig = await HardwareRig.StartAsync(_database, requiresPin: true, nodeClock: _nodeClock,
            nodeSettings: ["--FleetKeys:Entities:PinExpiresAfter", "30.00:00:00"]);
    }

    public async Task DisposeAsync()
    {
        await _rig.DisposeAsync();
        await _database.DisposeAsync();
    }

    private async Task Typed(ByteString badge, string keys, string shown)
    {
        _rig.Cabinet.PresentBadge(badge);
        await _rig.Cabinet.WhenText(t => t.Contains("PIN, then"), HardwareRig.Within());
        _rig.Cabinet.EnterPin(keys + "#");
        await _rig.Cabinet.WhenText(t => t == shown, HardwareRig.Within());
    }

    [Fact]
    public async Task A_pin_past_the_age_limit_is_refused_at_the_cabinet_until_it_is_changed_on_the_keypad()
    {
        var bob = await _rig.Person("bob", pin: "1111");
        await Typed(bob.Badge, "1111", "Welcome: choose a key");

        _nodeClock.Advance(TimeSpan.FromDays(31));

        await Typed(bob.Badge, "1111", "PIN expired: change it");
        await Typed(bob.Badge, "*1111*2468*2468", "PIN changed");
        await Typed(bob.Badge, "2468", "Welcome: choose a key");
    }
}
