using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FleetKeys.Testing;

namespace FleetKeys.Node.Tests.ReadSide;

/// <summary>An operator hands a key that is out to another person over real HTTP: the receiver's rules apply, both people's keys follow.</summary>
public abstract class HandoverApiSpecs<TDatabase>(StillClockNodeFixture<TDatabase> fixture) : IClassFixture<StillClockNodeFixture<TDatabase>>
    where TDatabase : TestDatabase, new()
{
    private readonly Floor _floor = fixture.Floor;
    private readonly HttpClient _ops = fixture.Node.Client(NodeApp.OperatorKey);

    private Task<HttpResponseMessage> HandOver(string cabinet, int slot, object body) =>
        _ops.PostAsJsonAsync($"/api/v1/cabinets/{cabinet}/slots/{slot}/handover", body);

    [Fact]
    public async Task An_operator_hands_a_key_that_is_out_to_another_person_and_both_peoples_keys_follow()
    {
        var cabinet = await _floor.Cabinet();
        var (giver, giverBadge) = await _floor.Person();
        var (receiver, _) = await _floor.Person();
        await _floor.Take(cabinet, giverBadge, 2);

        var handed = await (await HandOver(cabinet, 2, new { toPersonId = receiver, reason = "shift change" })).Read<JsonElement>(HttpStatusCode.OK);
        var history = await _floor.Listed($"/api/v1/history?keyId={Floor.Key(cabinet, 2)}", 3);
        var byGiver = await _floor.Listed($"/api/v1/history?personId={giver}", 3);

        Assert.Equal(("out", receiver), (handed.GetProperty("status").GetString(), handed.GetProperty("holder").GetString()));
        Assert.Equal(("handedOver", receiver, giver, "shift change", "ops"), (history[2].GetProperty("kind").GetString(),
            history[2].GetProperty("personId").GetString(), history[2].GetProperty("handedFrom").GetString(),
            history[2].GetProperty("reason").GetString(), history[2].GetProperty("releasedBy").GetString()));
        Assert.Equal("handedOver", byGiver[2].GetProperty("kind").GetString());
        await Eventually.Holds(async () =>
        {
            Assert.Empty((await _floor.Get($"/api/v1/people/{giver}")).GetProperty("keysHeld").EnumerateArray());
            Assert.Equal([$"{cabinet}/2"], (await _floor.Get($"/api/v1/people/{receiver}")).GetProperty("keysHeld").EnumerateArray().Select(k => k.GetString()));
        });
    }

    [Fact]
    public async Task A_handover_is_refused_with_the_receivers_rule_or_the_keys_state()
    {
        var cabinet = await _floor.Cabinet();
        var (giver, giverBadge) = await _floor.Person();
        var (full, fullBadge) = await _floor.Person(maxKeys: 1);
        await _floor.Take(cabinet, giverBadge, 2);
        await _floor.Take(cabinet, fullBadge, 3);

        var missing = await (await HandOver(cabinet, 2, new { reason = "x" })).Read<JsonElement>(HttpStatusCode.BadRequest);
        var unknownPerson = await (await HandOver(cabinet, 2, new { toPersonId = "nobody-here" })).Read<JsonElement>(HttpStatusCode.NotFound);
        var unknownCabinet = await (await HandOver("no-such-cabinet", 2, new { toPersonId = full })).Read<JsonElement>(HttpStatusCode.NotFound);
        var notOut = await (await HandOver(cabinet, 1, new { toPersonId = full })).Read<JsonElement>(HttpStatusCode.Conflict);
        var toHolder = await (await HandOver(cabinet, 2, new { toPersonId = giver })).Read<JsonElement>(HttpStatusCode.Conflict);
        var overLimit = await (await HandOver(cabinet, 2, new { toPersonId = full })).Read<JsonElement>(HttpStatusCode.UnprocessableEntity);
        var auditor = await fixture.Node.Client(NodeApp.AuditorKey).PostAsJsonAsync($"/api/v1/cabinets/{cabinet}/slots/2/handover", new { toPersonId = full });
        var still = await _floor.Get($"/api/v1/cabinets/{cabinet}/slots/2");

        Assert.True(missing.GetProperty("errors").TryGetProperty("toPersonId", out _));
        Assert.Equal("NotFound", unknownPerson.GetProperty("code").GetString());
        Assert.Equal(404, unknownCabinet.GetProperty("status").GetInt32());
        Assert.Equal("Conflict", notOut.GetProperty("code").GetString());
        Assert.Equal("Conflict", toHolder.GetProperty("code").GetString());
        Assert.Equal("LimitReached", overLimit.GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, auditor.StatusCode);
        Assert.Equal(giver, still.GetProperty("holder").GetString());
    }
}

public sealed class SqliteHandoverApiSpecs(StillClockNodeFixture<SqliteTestDatabase> fixture) : HandoverApiSpecs<SqliteTestDatabase>(fixture);

public sealed class PostgresHandoverApiSpecs(StillClockNodeFixture<PostgresTestDatabase> fixture) : HandoverApiSpecs<PostgresTestDatabase>(fixture);
