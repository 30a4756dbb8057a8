using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FleetKeys.Testing;

namespace FleetKeys.Node.Tests.ReadSide;

/// <summary>Remote release, lock-down and emergency open over real HTTP: recorded with who and why, refused when they conflict, once per Idempotency-Key.</summary>
public abstract class ControlRoomCommandSpecs<TDatabase>(StillClockNodeFixture<TDatabase> fixture) : IClassFixture<StillClockNodeFixture<TDatabase>>
    where TDatabase : TestDatabase, new()
{
    private readonly Floor _floor = fixture.Floor;
    private readonly HttpClient _ops = fixture.Node.Client(NodeApp.OperatorKey);

    private Task<HttpResponseMessage> RemoteRelease(string cabinet, int slot, string person, string reason = "forgot badge", string? idempotencyKey = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/cabinets/{cabinet}/slots/{slot}/remote-release")
        {
            Content = JsonContent.Create(new { personId = person, reason }),
        };
        if (idempotencyKey is not null) request.Headers.Add("Idempotency-Key", idempotencyKey);
        return _ops.SendAsync(request);
    }

    [Fact]
    public async Task A_remote_release_is_granted_to_the_named_person_with_the_reason_and_the_take_is_theirs()
    {
        var cabinet = await _floor.Cabinet();
        var (person, _) = await _floor.Person();
        var (other, otherBadge) = await _floor.Person();

        var released = await (await RemoteRelease(cabinet, 2, person)).Read<JsonElement>(HttpStatusCode.OK);
        var contested = await (await RemoteRelease(cabinet, 2, other)).Read<JsonElement>(HttpStatusCode.Conflict);
        await _floor.TagLeaves(cabinet, 2);
        var taken = await _floor.Get($"/api/v1/cabinets/{cabinet}/slots/2");
        await _floor.Take(cabinet, otherBadge, 3);
        await (await _floor.Admin.Post($"/api/v1/people/{other}/revoke", new { status = "suspended", reason = "audit" })).Read<JsonElement>(HttpStatusCode.OK);
        var revoked = await (await RemoteRelease(cabinet, 1, other)).Read<JsonElement>(HttpStatusCode.UnprocessableEntity);
        var history = await _floor.Listed($"/api/v1/history?keyId={Floor.Key(cabinet, 2)}", 2);

        Assert.Equal(("released", person), (released.GetProperty("status").GetString(), released.GetProperty("holder").GetString()));
        Assert.Equal("KeyNotAvailable", contested.GetProperty("code").GetString());
        Assert.Equal(("out", person), (taken.GetProperty("status").GetString(), taken.GetProperty("holder").GetString()));
        Assert.Equal("NotActive", revoked.GetProperty("code").GetString());
        Assert.Equal(("remoteReleased", "forgot badge", "ops"), (history[0].GetProperty("kind").GetString(),
            history[0].GetProperty("reason").GetString(), history[0].GetProperty("releasedBy").GetString()));
        Assert.Equal(("taken", person), (history[1].GetProperty("kind").GetString(), history[1].GetProperty("personId").GetString()));
    }

    [Fact]
    public async Task A_retried_command_with_the_same_idempotency_key_takes_effect_once()
    {
        var cabinet = await _floor.Cabinet();
        var (person, _) = await _floor.Person();
        var key = Guid.NewGuid().ToString();

        var first = await RemoteRelease(cabinet, 1, person, idempotencyKey: key);
        var retry = await RemoteRelease(cabinet, 1, person, idempotencyKey: key);
        var reused = await (await RemoteRelease(cabinet, 2, person, idempotencyKey: key)).Read<JsonElement>(HttpStatusCode.UnprocessableEntity);
        var withoutKey = await RemoteRelease(cabinet, 1, person);
        var tooLong = await (await RemoteRelease(cabinet, 1, person, idempotencyKey: new string('k', 201))).Read<JsonElement>(HttpStatusCode.BadRequest);
        var journal = await _floor.Get($"/api/v1/cabinets/{cabinet}/slots/1/history");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await retry.Content.ReadAsStringAsync());
        Assert.Equal("true", retry.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.False(first.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(HttpStatusCode.Conflict, withoutKey.StatusCode);
        Assert.Equal(422, reused.GetProperty("status").GetInt32());
        Assert.True(tooLong.GetProperty("errors").TryGetProperty("Idempotency-Key", out _));
        Assert.Single(journal.EnumerateArray(), e => e.GetProperty("type").GetString() == "keyslot.released.v1");
    }

    [Fact]
    public async Task A_locked_down_cabinet_refuses_releases_and_emergency_opening_until_the_lock_down_is_lifted()
    {
        var site = await _floor.Site();
        var cabinet = await _floor.Cabinet(site);
        var (person, badge) = await _floor.Person();

        var locked = await (await _ops.Post($"/api/v1/cabinets/{cabinet}/lockdown", new { reason = "intruder" })).Read<JsonElement>(HttpStatusCode.OK);
        var release = await (await RemoteRelease(cabinet, 1, person)).Read<JsonElement>(HttpStatusCode.Conflict);
        var emergency = await (await _ops.Post($"/api/v1/cabinets/{cabinet}/emergency-open", new { reason = "fire" })).Read<JsonElement>(HttpStatusCode.Conflict);
        var atCabinet = await Record.ExceptionAsync(() => _floor.Take(cabinet, badge, 1));
        await Eventually.Holds(async () => Assert.Equal("intruder",
            (await _floor.Get($"/api/v1/cabinets?siteId={site}")).GetProperty("items")[0].GetProperty("lockdown").GetProperty("reason").GetString()));
        var lifted = await (await _ops.DeleteAsync($"/api/v1/cabinets/{cabinet}/lockdown")).Read<JsonElement>(HttpStatusCode.OK);
        var opened = await (await _ops.Post($"/api/v1/cabinets/{cabinet}/emergency-open", new { reason = "fire", minutes = 5 })).Read<JsonElement>(HttpStatusCode.OK);
        await (await RemoteRelease(cabinet, 1, person)).Read<JsonElement>(HttpStatusCode.OK);

        Assert.Equal(("intruder", "ops"), (locked.GetProperty("lockdown").GetProperty("reason").GetString(), locked.GetProperty("lockdown").GetProperty("by").GetString()));
        Assert.Equal("Conflict", release.GetProperty("code").GetString());
        Assert.Equal("Conflict", emergency.GetProperty("code").GetString());
        Assert.Contains("locked down", atCabinet?.Message);
        Assert.Equal(JsonValueKind.Null, lifted.GetProperty("lockdown").ValueKind);
        Assert.Equal(cabinet, opened.GetProperty("id").GetString());
        await Eventually.Holds(async () => Assert.Equal("fire",
            (await _floor.Get($"/api/v1/cabinets?siteId={site}")).GetProperty("items")[0].GetProperty("emergency").GetProperty("reason").GetString()));
    }

    [Fact]
    public async Task A_pin_reset_leaves_the_person_without_a_pin()
    {
        var (person, _) = await _floor.Person();
        await _floor.Admin.Put($"/api/v1/people/{person}/pin", new { pin = "2468" });

        var reset = await _floor.Admin.DeleteAsync($"/api/v1/people/{person}/pin");
        var view = await _floor.Get($"/api/v1/people/{person}");

        Assert.Equal(HttpStatusCode.NoContent, reset.StatusCode);
        Assert.False(view.GetProperty("hasPin").GetBoolean());
        await Eventually.Holds(async () => Assert.False((await _floor.Get("/api/v1/people?pageSize=500")).GetProperty("items").EnumerateArray()
            .Single(p => p.GetProperty("id").GetString() == person).GetProperty("hasPin").GetBoolean()));
    }
}

public sealed class SqliteControlRoomCommandSpecs(StillClockNodeFixture<SqliteTestDatabase> fixture) : ControlRoomCommandSpecs<SqliteTestDatabase>(fixture);

public sealed class PostgresControlRoomCommandSpecs(StillClockNodeFixture<PostgresTestDatabase> fixture) : ControlRoomCommandSpecs<PostgresTestDatabase>(fixture);
