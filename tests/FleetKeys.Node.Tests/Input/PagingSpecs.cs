using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using FleetKeys.Api.Endpoints;
using FleetKeys.Testing;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;

namespace FleetKeys.Node.Tests.Input;

/// <summary>
/// Every list pages the same way: page and pageSize within bounds (else a 400 naming the one that is not), and the page
/// is the items at its offset, computed without wrapping — on SQLite and on PostgreSQL.
/// On a node of its own per database: pages read one after another hold the same list only if no one else adds to it.
/// </summary>
public abstract partial class PagingSpecs<TDatabase>(OwnNodeFixture<TDatabase> fixture) : IClassFixture<OwnNodeFixture<TDatabase>>
    where TDatabase : TestDatabase, new()
{
    private readonly HttpClient _admin = fixture.Node.Client();

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex RouteValue();

    /// <summary>Every GET route whose answer is a page (<see cref="Listing{T}"/>), its route values filled in; found, not listed by hand.</summary>
    private IReadOnlyList<string> PagedRoutes() =>
    [
        .. fixture.Node.Service<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods.Contains("GET") == true)
            .Where(e => e.Metadata.OfType<IProducesResponseTypeMetadata>()
                .Any(p => p.Type is { IsGenericType: true } t && t.GetGenericTypeDefinition() == typeof(Listing<>)))
            .Select(e => RouteValue().Replace(e.RoutePattern.RawText!, "1").TrimEnd('/'))
            .Distinct().Order(StringComparer.Ordinal),
    ];

    [Fact]
    public void The_paged_routes_are_found()
    {
        var routes = PagedRoutes();

        Assert.Contains("/api/v1/people", routes);
        Assert.Contains("/api/v1/audit", routes);
        Assert.True(routes.Count >= 13, $"only {routes.Count} paged routes: {string.Join(", ", routes)}");
    }

    public static TheoryData<string, string> OutOfBounds => new()
    {
        { "page=0", "page" },
        { "page=-1", "page" },
        { "page=2147483647", "page" },
        { "page=42949674&pageSize=100", "page" },
        { "page=99999999999", "page" },
        { "pageSize=0", "pageSize" },
        { "pageSize=501", "pageSize" },
        { "pageSize=2147483647", "pageSize" },
    };

    [Theory]
    [MemberData(nameof(OutOfBounds))]
    public async Task Every_paged_route_refuses_a_page_or_page_size_out_of_bounds_naming_it(string query, string field)
    {
        foreach (var route in PagedRoutes())
        {
            var response = await _admin.GetAsync($"{route}?{query}");
            var body = await response.Content.ReadAsStringAsync();

            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{route}?{query}: {(int)response.StatusCode} {body}");
            Assert.True(JsonDocument.Parse(body).RootElement.GetProperty("errors").TryGetProperty(field, out _), $"{route}?{query}: {body}");
        }
    }

    [Fact]
    public async Task Every_paged_route_answers_its_furthest_page_empty_with_the_whole_total()
    {
        foreach (var route in PagedRoutes())
        {
            var first = await (await _admin.GetAsync(route)).Read<JsonElement>(HttpStatusCode.OK);
            var furthest = await (await _admin.GetAsync($"{route}?page=4294967&pageSize=500")).Read<JsonElement>(HttpStatusCode.OK);

            Assert.Empty(furthest.GetProperty("items").EnumerateArray());
            Assert.Equal(4294967, furthest.GetProperty("page").GetInt32());
            Assert.True(first.GetProperty("total").GetInt64() <= furthest.GetProperty("total").GetInt64(), route);
        }
    }

    [Fact]
    public async Task A_page_holds_the_items_at_its_offset()
    {
        for (var i = 0; i < 5; i++) await Person();
        await Eventually.Holds(async () =>
            Assert.True((await (await _admin.GetAsync("/api/v1/people")).Read<JsonElement>(HttpStatusCode.OK)).GetProperty("total").GetInt64() >= 5));

        var firstFour = await Ids("/api/v1/people?page=1&pageSize=4");
        var second = await Ids("/api/v1/people?page=2&pageSize=2");
        var third = await Ids("/api/v1/people?page=3&pageSize=1");

        Assert.Equal(firstFour[2..4], second);
        Assert.Equal([firstFour[2]], third);
    }

    private async Task<string[]> Ids(string path)
    {
        var page = await (await _admin.GetAsync(path)).Read<JsonElement>(HttpStatusCode.OK);
        return [.. page.GetProperty("items").EnumerateArray().Select(p => p.GetProperty("id").GetString()!)];
    }

    private async Task<string> Person()
    {
        var id = $"p-{Guid.NewGuid():N}"[..15];
        await (await _admin.Post("/api/v1/people", new { id, name = "Pat", maxKeys = 1 })).Read<JsonElement>(HttpStatusCode.Created);
        return id;
    }
}

public sealed class SqlitePagingSpecs(OwnNodeFixture<SqliteTestDatabase> fixture) : PagingSpecs<SqliteTestDatabase>(fixture);

public sealed class PostgresPagingSpecs(OwnNodeFixture<PostgresTestDatabase> fixture) : PagingSpecs<PostgresTestDatabase>(fixture);
