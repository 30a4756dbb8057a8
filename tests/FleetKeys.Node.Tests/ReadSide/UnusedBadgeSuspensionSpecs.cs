using System.Text.Json;
using FleetKeys.Testing;
using Microsoft.Extensions.Time.Testing;

namespace FleetKeys.Node.Tests.ReadSide;

/// <summary>With the automatic suspension on, a person whose badges no cabinet has seen for the limit is suspended by the sweep.</summary>
public sealed class UnusedBadgeSuspensionSpecs : IAsyncLifetime
{
    private readonly SqliteTestDatabase _database = new();
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private NodeApp _node = null!;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        // The sweep runs often so the spec need not wait for it; the limit itself is measured on the fake clock.
        _node = await NodeApp.StartAsync(_database.Settings, _clock,
            "--FleetKeys:Entities:SuspendUnusedBadgesAfter", "2.00:00:00", "--FleetKeys:Entities:UnusedBadgeSweepInterval", "00:00:00.2");
    }

    public async Task DisposeAsync()
    {
        await _node.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task A_person_whose_badge_no_cabinet_has_seen_for_the_limit_is_suspended_and_one_who_badged_meanwhile_is_not()
    {
        var floor = new Floor(_node, _clock);
        var cabinet = await floor.Cabinet();
        var (idle, _) = await floor.Person();
        var (busy, busyBadge) = await floor.Person();
        _clock.Advance(TimeSpan.FromDays(1));
        await floor.Badge(cabinet, busyBadge);

        _clock.Advance(TimeSpan.FromDays(1.5));

        await Eventually.Holds(async () => Assert.Equal("suspended", (await floor.Get($"/api/v1/people/{idle}")).GetProperty("status").GetString()));
        var reason = (await floor.Get($"/api/v1/people/{idle}")).GetProperty("revocationReason").GetString();
        Assert.StartsWith("no badge used since", reason);
        Assert.Equal("active", (await floor.Get($"/api/v1/people/{busy}")).GetProperty("status").GetString());
    }
}
