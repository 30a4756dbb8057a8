using System.Net;
using System.Text.Json;
using FleetKeys.Testing;

namespace FleetKeys.Node.Tests.ReadSide;

/// <summary>The fleet-wide reconciliation report over real HTTP, on SQLite and PostgreSQL: what cabinets' inventories found, and how it ended.</summary>
public abstract class ReconciliationReportSpecs<TDatabase>(ClockedNodeFixture<TDatabase> fixture) : IClassFixture<ClockedNodeFixture<TDatabase>>
    where TDatabase : TestDatabase, new()
{
    private readonly Floor _floor = fixture.Floor;

    private static string Q(DateTimeOffset instant) => Uri.EscapeDataString(instant.ToString("O"));

    private async Task<JsonElement[]> Report(string query, int count) =>
        [.. (await _floor.Listed($"/api/v1/reports/reconciliation?{query}", count)).EnumerateArray()];

    private static (string?, int, string?, string?, string?, string?) Row(JsonElement r) =>
        (r.GetProperty("siteId").GetString(), r.GetProperty("slot").GetInt32(), r.GetProperty("kind").GetString(), r.GetProperty("tag").GetString(),
            r.GetProperty("key").GetString(), r.GetProperty("keyId").GetString());

    [Fact]
    public async Task Open_discrepancies_are_listed_by_default_with_where_what_and_since_when()
    {
        var south = await _floor.Site();
        var far = await _floor.Cabinet(slots: 1);
        var there = await _floor.Cabinet(south, slots: 4, keys: 2);
        var found = fixture.Clock.GetUtcNow();
        // The row names the misplaced key through the custody projection, which may trail the discrepancies' own.
        await _floor.Listed($"/api/v1/custody?keyId={Floor.Key(far, 1)}", 1);

        await _floor.Inventory(there, (1, Floor.Tag(there, 1)), (2, Floor.Tag(there, 2)), (3, Floor.Tag(far, 1)), (4, "stray"));
        var open = await Report($"siteId={south}", 2);

        Assert.Equal((south, 3, "misplaced", Floor.Tag(far, 1), $"{far}/1", Floor.Key(far, 1)), Row(open[0]));
        Assert.Equal((south, 4, "unknownTag", "stray", null, null), Row(open[1]));
        Assert.All(open, r => Assert.Equal((there, found), (r.GetProperty("cabinetId").GetString(), r.GetProperty("foundAt").GetDateTimeOffset())));
        Assert.All(open, r => Assert.Equal(JsonValueKind.Null, r.GetProperty("resolvedAt").ValueKind));
        Assert.Equal(2, (await _floor.Get($"/api/v1/reports/reconciliation?cabinetId={there}&pageSize=1")).GetProperty("total").GetInt64());
    }

    [Fact]
    public async Task A_resolved_discrepancy_leaves_the_default_list_and_shows_when_and_how_it_ended_when_asked_for()
    {
        var north = await _floor.Site();
        var here = await _floor.Cabinet(north, slots: 3, keys: 2);
        var found = fixture.Clock.GetUtcNow();
        await _floor.Inventory(here, (1, Floor.Tag(here, 1)), (2, Floor.Tag(here, 2)), (3, Floor.Tag(here, 3)));
        await Report($"siteId={north}", 1);

        fixture.Clock.Advance(TimeSpan.FromMinutes(10));
        var resolvedAt = fixture.Clock.GetUtcNow();
        await _floor.TagLeaves(here, 3);

        await Report($"siteId={north}", 0);
        var resolved = Assert.Single(await Report($"siteId={north}&status=resolved", 1));
        var openThen = await Report($"siteId={north}&status=all&from={Q(found)}&to={Q(resolvedAt)}", 1);
        await Report($"siteId={north}&status=all&from={Q(resolvedAt.AddMinutes(1))}", 0);

        Assert.Equal((north, 3, "unknownTag", Floor.Tag(here, 3), null, null), Row(resolved));
        Assert.Equal((found, resolvedAt, "tagLeft"), (resolved.GetProperty("foundAt").GetDateTimeOffset(),
            resolved.GetProperty("resolvedAt").GetDateTimeOffset(), resolved.GetProperty("resolvedHow").GetString()));
        Assert.Equal(resolved.GetProperty("id").GetInt64(), Assert.Single(openThen).GetProperty("id").GetInt64());
    }

    [Fact]
    public async Task The_report_is_offered_as_csv_with_the_same_rows()
    {
        var site = await _floor.Site();
        var cabinet = await _floor.Cabinet(site, slots: 2, keys: 1);
        await _floor.Inventory(cabinet, (1, Floor.Tag(cabinet, 1)), (2, "stray-2"));
        var row = Assert.Single(await Report($"siteId={site}", 1));

        var response = await fixture.Node.Client(NodeApp.AuditorKey).GetAsync($"/api/v1/reports/reconciliation/csv?siteId={site}");
        var lines = (await response.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("id,cabinetId,siteId,slot,kind,tag,key,keyId,foundAt,resolvedAt,resolvedHow", lines[0]);
        var fields = Assert.Single(lines[1..]).Split(',');
        Assert.Equal([row.GetProperty("id").GetInt64().ToString(), cabinet, site, "2", "unknownTag", "stray-2", "", ""], fields[..8]);
        Assert.Equal(["", ""], fields[9..]);
    }
}

public sealed class SqliteReconciliationReportSpecs(ClockedNodeFixture<SqliteTestDatabase> fixture) : ReconciliationReportSpecs<SqliteTestDatabase>(fixture);

public sealed class PostgresReconciliationReportSpecs(ClockedNodeFixture<PostgresTestDatabase> fixture) : ReconciliationReportSpecs<PostgresTestDatabase>(fixture);
