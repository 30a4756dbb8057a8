using System.Text.Json;
using FleetKeys.Testing;

namespace FleetKeys.Node.Tests.ReadSide;

/// <summary>The live stream over real HTTP: filtered to a site, and resumed after a dropped connection without a gap or a repeat.</summary>
public abstract class LiveEventsSpecs<TDatabase>(StillClockNodeFixture<TDatabase> fixture) : IClassFixture<StillClockNodeFixture<TDatabase>>
    where TDatabase : TestDatabase, new()
{
    [Fact]
    public async Task A_subscriber_is_told_of_a_lockdown_and_of_a_revocation_as_they_are_persisted()
    {
        var floor = fixture.Floor;
        var cabinet = await floor.Cabinet();
        var (person, _) = await floor.Person();
        var client = fixture.Node.Client(NodeApp.OperatorKey);
        await using var live = await LiveSubscription.Open(client, "/api/v1/events");

        (await client.Post($"/api/v1/cabinets/{cabinet}/lockdown", new { reason = "intruder reported" })).EnsureSuccessStatusCode();
        (await client.Post($"/api/v1/people/{person}/revoke", new { status = "suspended", reason = "badge lost" })).EnsureSuccessStatusCode();

        var locked = await live.NextWhere(e => e.Type == "cabinet" && e.Data.GetProperty("cabinetId").GetString() == cabinet);
        Assert.Equal("lockedDown", locked.Data.GetProperty("change").GetString());
        Assert.Equal("ops", locked.Data.GetProperty("by").GetString());
        Assert.Equal("intruder reported", locked.Data.GetProperty("reason").GetString());
        var revoked = await live.NextWhere(e => e.Type == "person" && e.Data.GetProperty("personId").GetString() == person);
        Assert.Equal("revoked", revoked.Data.GetProperty("change").GetString());
        Assert.Equal("suspended", revoked.Data.GetProperty("status").GetString());
        Assert.NotNull(revoked.Id);
    }

    private static string Describe(ServerEvent e) =>
        $"{e.Type}:{(e.Type == "custody" ? e.Data.GetProperty("change").GetString() : e.Data.GetProperty("change").GetString() + "/" + e.Data.GetProperty("kind").GetString())}";

    [Fact]
    public async Task A_subscriber_for_one_site_resumes_with_last_event_id_exactly_where_it_left_off()
    {
        var floor = fixture.Floor;
        var site = await floor.Site();
        var here = await floor.Cabinet(site);
        var elsewhere = await floor.Cabinet();
        var (_, badge) = await floor.Person();
        var client = fixture.Node.Client(NodeApp.OperatorKey);

        string lastId;
        await using (var first = await LiveSubscription.Open(client, $"/api/v1/events?siteId={site}"))
        {
            await floor.Take(elsewhere, badge, 1);
            await floor.Take(here, badge, 1);
            var released = await first.Next();
            var taken = await first.Next();
            Assert.Equal(["custody:released", "custody:taken"], new[] { Describe(released), Describe(taken) });
            Assert.Equal(here, taken.Data.GetProperty("cabinetId").GetString());
            lastId = taken.Id!;
        }

        // While nobody listens: a return here, a take elsewhere, a forced removal here (a custody change and an alarm).
        await floor.Return(here, badge, 1);
        await floor.Take(elsewhere, badge, 2);
        await floor.TagLeaves(here, 3);

        await using var resumed = await LiveSubscription.Open(client, $"/api/v1/events?siteId={site}", lastId);
        var missed = new[] { await resumed.Next(), await resumed.Next(), await resumed.Next() };

        Assert.Equal(["custody:returned", "custody:forciblyRemoved", "alarm:raised/forcedRemoval"], missed.Select(Describe));
        Assert.All(missed, e => Assert.Equal(here, e.Data.GetProperty("cabinetId").GetString()));
        Assert.True(long.Parse(missed[0].Id!) > long.Parse(lastId));
        Assert.Null(missed[1].Id);
        Assert.Equal(missed[2].Id, missed[2].Data.GetProperty("alarmId").GetInt64().ToString());
    }

    [Fact]
    public async Task A_key_returned_into_another_slot_is_told_as_returned_with_where_it_sits()
    {
        var floor = fixture.Floor;
        var cabinet = await floor.Cabinet();
        var (person, badge) = await floor.Person();
        await using var subscription = await LiveSubscription.Open(fixture.Node.Client(NodeApp.OperatorKey), $"/api/v1/events?cabinetId={cabinet}");

        await floor.Take(cabinet, badge, 2);
        await floor.Take(cabinet, badge, 1);
        await floor.Return(cabinet, badge, 1, intoSlot: 2);
        var returned = await subscription.NextWhere(e => Describe(e) == "custody:returned");

        Assert.Equal((1, person, $"{cabinet}/2"),
            (returned.Data.GetProperty("slot").GetInt32(), returned.Data.GetProperty("personId").GetString(), returned.Data.GetProperty("placedIn").GetString()));
    }

    [Fact]
    public async Task A_subscriber_is_told_of_a_discrepancy_found_and_of_how_it_was_resolved()
    {
        var floor = fixture.Floor;
        var cabinet = await floor.Cabinet(slots: 2, keys: 1);
        await using var subscription = await LiveSubscription.Open(fixture.Node.Client(NodeApp.AuditorKey), $"/api/v1/events?cabinetId={cabinet}");

        await floor.Inventory(cabinet, (1, Floor.Tag(cabinet, 1)), (2, Floor.Tag(cabinet, 2)));
        await floor.TagLeaves(cabinet, 2);
        var found = await subscription.NextWhere(e => e.Type == "discrepancy");
        var resolved = await subscription.NextWhere(e => e.Type == "discrepancy");

        Assert.Equal(("found", 2, "unknownTag", Floor.Tag(cabinet, 2)), (found.Data.GetProperty("change").GetString(), found.Data.GetProperty("slot").GetInt32(),
            found.Data.GetProperty("kind").GetString(), found.Data.GetProperty("tag").GetString()));
        Assert.Equal(("resolved", "tagLeft"), (resolved.Data.GetProperty("change").GetString(), resolved.Data.GetProperty("how").GetString()));
        Assert.Equal(found.Data.GetProperty("foundAt").GetDateTimeOffset(), resolved.Data.GetProperty("foundAt").GetDateTimeOffset());
        Assert.NotNull(found.Id);
    }
}

public sealed class SqliteLiveEventsSpecs(StillClockNodeFixture<SqliteTestDatabase> fixture) : LiveEventsSpecs<SqliteTestDatabase>(fixture);

public sealed class PostgresLiveEventsSpecs(StillClockNodeFixture<PostgresTestDatabase> fixture) : LiveEventsSpecs<PostgresTestDatabase>(fixture);
