using System.Net;
using System.Text.Json;
using Akka.Actor;
using Akka.Hosting;
using FleetKeys.Cluster.Cabinets;
using FleetKeys.Domain.Cabinets;
using FleetKeys.Domain.Ids;
using FleetKeys.Testing;

namespace FleetKeys.Node.Tests.ReadSide;

/// <summary>The read-side questions the console asks, answered by the API too: the fleet overview, people by search, the reports.</summary>
public abstract class ConsoleQueriesSpecs<TDatabase>(ClockedNodeFixture<TDatabase> fixture) : IClassFixture<ClockedNodeFixture<TDatabase>>
    where TDatabase : TestDatabase, new()
{
    private Floor Floor => fixture.Floor;

    private static JsonElement Item(JsonElement items, string property, string value) =>
        items.EnumerateArray().Single(i => i.GetProperty(property).GetString() == value);

    private static JsonElement Cabinet(JsonElement items, string id) =>
        items.EnumerateArray().Single(i => i.GetProperty("cabinet").GetProperty("id").GetString() == id);

    /// <summary>The node's clock stands still in these specs: a period that ends "now" would leave out what happened now.</summary>
    private string Period => $"from={Uri.EscapeDataString(fixture.Clock.GetUtcNow().AddHours(-1).ToString("O"))}"
                            + $"&to={Uri.EscapeDataString(fixture.Clock.GetUtcNow().AddHours(1).ToString("O"))}";

    [Fact]
    public async Task The_overview_counts_keys_out_missing_and_open_alarms_per_cabinet_and_per_site()
    {
        var site = await Floor.Site();
        var (calm, troubled) = (await Floor.Cabinet(site), await Floor.Cabinet(site));
        var (_, badge) = await Floor.Person();
        await Floor.Take(calm, badge, 2);
        await Floor.TagLeaves(troubled, 3);

        var cabinets = await Floor.Listed($"/api/v1/overview/cabinets?siteId={site}", 2);
        await Eventually.Holds(async () =>
        {
            cabinets = (await Floor.Get($"/api/v1/overview/cabinets?siteId={site}")).GetProperty("items");
            Assert.Equal(1, Cabinet(cabinets, calm).GetProperty("out").GetInt32());
            Assert.Equal(1, Cabinet(cabinets, troubled).GetProperty("missing").GetInt32());
            Assert.Equal(1, Cabinet(cabinets, troubled).GetProperty("openAlarms").GetInt32());
        });
        var calmRow = Cabinet(cabinets, calm);
        Assert.Equal((3, 0, 0), (calmRow.GetProperty("keys").GetInt32(), calmRow.GetProperty("missing").GetInt32(), calmRow.GetProperty("openAlarms").GetInt32()));

        var attention = await Floor.Listed($"/api/v1/overview/cabinets?siteId={site}&state=attention", 1);
        Assert.Equal(troubled, attention[0].GetProperty("cabinet").GetProperty("id").GetString());
        var found = await Floor.Listed($"/api/v1/overview/cabinets?search={calm[4..]}", 1);
        Assert.Equal(calm, found[0].GetProperty("cabinet").GetProperty("id").GetString());

        var sites = (await Floor.Get("/api/v1/overview/sites")).EnumerateArray().Single(s => s.GetProperty("id").GetString() == site);
        Assert.Equal((2, 6, 1, 1, 1), (sites.GetProperty("cabinets").GetInt32(), sites.GetProperty("keys").GetInt32(), sites.GetProperty("out").GetInt32(),
            sites.GetProperty("missing").GetInt32(), sites.GetProperty("openAlarms").GetInt32()));
        await Floor.Get("/api/v1/overview/cabinets?state=sleepy", HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Api_keys_are_listed_by_name_and_role_to_an_admin_only_and_never_with_their_hash()
    {
        var response = await fixture.Node.Client().GetAsync("/api/v1/api-keys");
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var keys = JsonDocument.Parse(body).RootElement;
        Assert.Contains(keys.EnumerateArray(), k => k.GetProperty("name").GetString() == "ops" && k.GetProperty("role").GetString() == "operator");
        Assert.DoesNotContain(FleetKeys.Api.Auth.ApiKeys.Hash(NodeApp.OperatorKey), body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(NodeApp.OperatorKey, body, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await fixture.Node.Client(NodeApp.OperatorKey).GetAsync("/api/v1/api-keys")).StatusCode);
    }

    [Fact]
    public async Task People_are_found_by_part_of_their_id_or_name()
    {
        var (person, _) = await Floor.Person();

        var found = await Floor.Listed($"/api/v1/people?search={person[2..]}", 1);

        Assert.Equal(person, found[0].GetProperty("id").GetString());
        Assert.Equal(0, (await Floor.Get($"/api/v1/people?search={person}-nobody")).GetProperty("total").GetInt64());
    }

    [Fact]
    public async Task Keys_are_found_by_part_of_their_id_name_group_or_tag()
    {
        var cabinet = await Floor.Cabinet(group: "vans");

        var byName = await Floor.Listed($"/api/v1/keys?cabinetId={cabinet}&search=Key 2", 1);
        var byTag = await Floor.Listed($"/api/v1/keys?search={Floor.Tag(cabinet, 3)}", 1);

        Assert.Equal(Floor.Key(cabinet, 2), byName[0].GetProperty("keyId").GetString());
        Assert.Equal(Floor.Key(cabinet, 3), byTag[0].GetProperty("keyId").GetString());
        Assert.Equal(3, (await Floor.Get($"/api/v1/keys?cabinetId={cabinet}&search=van")).GetProperty("total").GetInt64());
    }

    [Fact]
    public async Task A_key_returned_by_someone_else_is_reported_and_counted_in_both_peoples_activity()
    {
        var site = await Floor.Site();
        var cabinet = await Floor.Cabinet(site);
        var (holder, holderBadge) = await Floor.Person();
        var (colleague, colleagueBadge) = await Floor.Person();
        await Floor.Take(cabinet, holderBadge, 2);
        // The person at the cabinet is whoever badged last: a moment later, so it is the colleague.
        fixture.Clock.Advance(TimeSpan.FromSeconds(1));
        await Floor.Return(cabinet, colleagueBadge, 2);

        JsonElement returned = default;
        await Eventually.Holds(async () =>
        {
            returned = await Floor.Get($"/api/v1/reports/returned-by-others?siteId={site}&{Period}");
            Assert.Equal(1, returned.GetArrayLength());
        });
        Assert.Equal((holder, colleague), (returned[0].GetProperty("personId").GetString(), returned[0].GetProperty("returnedBy").GetString()));
        var activity = await Floor.Get($"/api/v1/reports/activity?siteId={site}&{Period}");
        Assert.Equal((1, 0), (Item(activity, "personId", holder).GetProperty("takes").GetInt32(), Item(activity, "personId", holder).GetProperty("returns").GetInt32()));
        Assert.Equal(1, Item(activity, "personId", colleague).GetProperty("returnsForOthers").GetInt32());
    }

    [Fact]
    public async Task Every_refused_badge_is_reported_with_its_reason_even_when_the_alarm_folds_the_repeats()
    {
        var site = await Floor.Site();
        var cabinet = await Floor.Cabinet(site);
        var (person, badge) = await Floor.Person();
        await (await Floor.Admin.PutAsync($"/api/v1/people/{person}/entitlements",
            new StringContent("[]", System.Text.Encoding.UTF8, "application/json"))).Read<JsonElement>(HttpStatusCode.OK);
        var cabinets = fixture.Node.Service<IActorRegistry>().Get<CabinetRegion>();
        for (var i = 0; i < 2; i++)
            await cabinets.Ask<object>(new PresentBadge(new CabinetId(cabinet), new BadgeNumber(badge), null, fixture.Clock.GetUtcNow()), TimeSpan.FromSeconds(15));

        JsonElement denied = default;
        await Eventually.Holds(async () =>
        {
            denied = await Floor.Get($"/api/v1/reports/access-denied?siteId={site}&{Period}");
            Assert.Equal(2, denied.GetArrayLength());
        });
        Assert.All(denied.EnumerateArray(), d => Assert.Equal((cabinet, badge, person, "NotEntitled"),
            (d.GetProperty("cabinetId").GetString(), d.GetProperty("badge").GetString(), d.GetProperty("personId").GetString(), d.GetProperty("reason").GetString())));
        Assert.Equal(0, (await Floor.Get($"/api/v1/reports/access-denied?siteId={await Floor.Site()}&{Period}")).GetArrayLength());
    }
}

public sealed class SqliteConsoleQueriesSpecs(ClockedNodeFixture<SqliteTestDatabase> fixture) : ConsoleQueriesSpecs<SqliteTestDatabase>(fixture);

public sealed class PostgresConsoleQueriesSpecs(ClockedNodeFixture<PostgresTestDatabase> fixture) : ConsoleQueriesSpecs<PostgresTestDatabase>(fixture);

/// <summary>Unused badges move with the clock, so they have a node of their own.</summary>
public sealed class UnusedBadgesSpecs(ClockedNodeFixture<SqliteTestDatabase> fixture) : IClassFixture<ClockedNodeFixture<SqliteTestDatabase>>
{
    [Fact]
    public async Task A_badge_no_cabinet_has_seen_for_the_given_days_is_reported_and_one_presented_since_is_not()
    {
        var floor = fixture.Floor;
        var cabinet = await floor.Cabinet();
        var (idle, idleBadge) = await floor.Person();
        var (_, busyBadge) = await floor.Person();
        fixture.Clock.Advance(TimeSpan.FromDays(3));
        await floor.Badge(cabinet, busyBadge);

        // Other specs on this node leave badges of their own: only this spec's two are looked at.
        async Task<JsonElement[]> Unused(int days) =>
        [
            .. (await floor.Get($"/api/v1/reports/unused-badges?days={days}")).EnumerateArray()
                .Where(b => b.GetProperty("badge").GetString() is { } listed && (listed == idleBadge || listed == busyBadge)),
        ];

        JsonElement[] unused = [];
        await Eventually.Holds(async () => Assert.Single(unused = await Unused(2)));
        Assert.Equal((idleBadge, idle), (unused[0].GetProperty("badge").GetString(), unused[0].GetProperty("personId").GetString()));
        Assert.Equal(JsonValueKind.Null, unused[0].GetProperty("lastUsed").ValueKind);
        Assert.Empty(await Unused(4));
        await floor.Get("/api/v1/reports/unused-badges?days=0", HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_badge_a_cut_off_controller_admitted_counts_as_used()
    {
        var floor = fixture.Floor;
        var cabinet = await floor.Cabinet();
        var (person, badge) = await floor.Person();
        fixture.Clock.Advance(TimeSpan.FromDays(3));
        await floor.AdmittedOffline(cabinet, badge, person, 1);

        // The report reads the audit log: once the admission is there, the report must count it.
        await Eventually.Holds(async () => Assert.Contains((await floor.Get($"/api/v1/audit?persistenceId=cabinet-{cabinet}")).GetProperty("items")
            .EnumerateArray(), e => e.GetProperty("type").GetString() == "cabinet.offline-access-granted.v1"));

        Assert.DoesNotContain((await floor.Get("/api/v1/reports/unused-badges?days=1")).EnumerateArray(), b => b.GetProperty("badge").GetString() == badge);
    }
}
