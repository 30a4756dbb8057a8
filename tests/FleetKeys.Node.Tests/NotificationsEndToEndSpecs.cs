using System.Net;
using System.Text.Json;
using FleetKeys.Cluster.Notifications;
using FleetKeys.Node.Tests.ReadSide;
using FleetKeys.Testing;
using Microsoft.Extensions.Time.Testing;

namespace FleetKeys.Node.Tests;

/// <summary>
/// A subscription made through the API, an alarm raised at a cabinet, and a real receiver that gets the signed notice;
/// the node's notification settings come from its configuration, retries from its injected clock.
/// </summary>
public abstract class NotificationsEndToEndSpecs<TDatabase> : IAsyncLifetime where TDatabase : TestDatabase, new()
{
    private readonly TDatabase _database = new();
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private WebhookReceiver _receiver = null!;
    private NodeApp _node = null!;
    private Floor _floor = null!;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        _receiver = await WebhookReceiver.Start();
        _node = await NodeApp.StartAsync(_database.Settings, _clock,
            "--FleetKeys:Notifications:PollInterval", "00:00:00.1", "--FleetKeys:Notifications:MaxAttempts", "2",
            "--FleetKeys:Notifications:FirstRetryDelay", "00:00:30");
        _floor = new Floor(_node, _clock);
    }

    public async Task DisposeAsync()
    {
        await _node.DisposeAsync();
        await _receiver.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task A_forced_removal_reaches_the_subscribed_webhook_signed_and_a_failed_notice_is_retried_from_the_dead_letters()
    {
        var subscription = await (await _floor.Admin.Post("/api/v1/notifications/subscriptions",
            new { channel = "webhook", url = _receiver.Url, kinds = new[] { "forcedRemoval" } })).Read<JsonElement>(HttpStatusCode.Created);
        var secret = subscription.GetProperty("secret").GetString()!;
        var cabinet = await _floor.Cabinet(slots: 2);

        await _floor.TagLeaves(cabinet, 1);
        var first = (await _receiver.AtLeast(1))[0];
        Assert.True(first.SignedWith(secret));
        Assert.Equal(cabinet, JsonDocument.Parse(first.Body).RootElement.GetProperty("cabinetId").GetString());

        _receiver.FailNext(-1);
        await _floor.TagLeaves(cabinet, 2);
        await _receiver.AtLeast(2);
        _clock.Advance(TimeSpan.FromSeconds(30));
        await _receiver.AtLeast(3);
        JsonElement dead = default;
        await Eventually.Holds(async () => dead = Assert.Single((await _floor.Get("/api/v1/notifications/dead-letters")).EnumerateArray()));
        Assert.Equal(2, dead.GetProperty("attempts").GetInt32());

        _receiver.FailNext(0);
        var retried = await _floor.Admin.PostAsync($"/api/v1/notifications/dead-letters/{dead.GetProperty("id").GetString()}/retry", null);
        Assert.Equal(HttpStatusCode.Accepted, retried.StatusCode);
        var calls = await _receiver.AtLeast(4);
        await Eventually.Holds(async () => Assert.Empty((await _floor.Get("/api/v1/notifications/dead-letters")).EnumerateArray()));
        Assert.Equal(calls[1].IdempotencyKey, calls[3].IdempotencyKey);
        Assert.NotEqual(calls[0].IdempotencyKey, calls[1].IdempotencyKey);
    }
}

public sealed class SqliteNotificationsEndToEndSpecs : NotificationsEndToEndSpecs<SqliteTestDatabase>;

public sealed class PostgresNotificationsEndToEndSpecs : NotificationsEndToEndSpecs<PostgresTestDatabase>;
