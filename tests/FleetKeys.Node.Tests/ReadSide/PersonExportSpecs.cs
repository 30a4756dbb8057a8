using System.Net;
using System.Text.Json;
using FleetKeys.Testing;

namespace FleetKeys.Node.Tests.ReadSide;

/// <summary>A subject-access export over real HTTP: everything held about one person, as JSON or CSV, and never a PIN hash.</summary>
public abstract class PersonExportSpecs<TDatabase>(StillClockNodeFixture<TDatabase> fixture) : IClassFixture<StillClockNodeFixture<TDatabase>>
    where TDatabase : TestDatabase, new()
{
    private readonly Floor _floor = fixture.Floor;

    /// <summary>A person with a PIN and an e-mail who took and returned one key, took another, and was suspended holding it.</summary>
    private async Task<(string Person, string Badge, string Cabinet)> PersonWithHistory()
    {
        var cabinet = await _floor.Cabinet();
        var (person, badge) = await _floor.Person();
        await (await _floor.Admin.Put($"/api/v1/people/{person}/contact", new { email = $"{person}@example.org" })).Read<JsonElement>(HttpStatusCode.OK);
        (await _floor.Admin.Put($"/api/v1/people/{person}/pin", new { pin = "4821" })).EnsureSuccessStatusCode();
        await _floor.Take(cabinet, badge, 2);
        await _floor.Return(cabinet, badge, 2);
        await _floor.Take(cabinet, badge, 3);
        await (await _floor.Admin.Post($"/api/v1/people/{person}/revoke", new { status = "suspended", reason = "left the site" }))
            .Read<JsonElement>(HttpStatusCode.OK);
        await _floor.Listed($"/api/v1/history?personId={person}", 5);
        await _floor.Listed($"/api/v1/alarms?personId={person}&state=all", 1);
        return (person, badge, cabinet);
    }

    [Fact]
    public async Task An_export_lists_the_profile_badges_entitlements_custody_and_alarms_of_the_person_and_no_hash()
    {
        var (person, badge, cabinet) = await PersonWithHistory();

        var response = await _floor.Admin.GetAsync($"/api/v1/people/{person}/export");
        var text = await response.Content.ReadAsStringAsync();
        var export = JsonDocument.Parse(text).RootElement;
        var profile = export.GetProperty("person");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal((person, "Pat", $"{person}@example.org", true, "suspended"), (profile.GetProperty("id").GetString(), profile.GetProperty("name").GetString(),
            profile.GetProperty("email").GetString(), profile.GetProperty("hasPin").GetBoolean(), profile.GetProperty("status").GetString()));
        Assert.Equal([badge], profile.GetProperty("badges").EnumerateArray().Select(b => b.GetString()));
        Assert.Equal(1, profile.GetProperty("entitlements").GetArrayLength());
        Assert.Equal(["released", "taken", "returned", "released", "taken"], export.GetProperty("custody").EnumerateArray().Select(c => c.GetProperty("kind").GetString()));
        Assert.All(export.GetProperty("custody").EnumerateArray(), c => Assert.Equal(cabinet, c.GetProperty("cabinetId").GetString()));
        Assert.Contains(export.GetProperty("alarms").EnumerateArray(), a => a.GetProperty("personId").GetString() == person);
        Assert.Equal(JsonValueKind.Array, export.GetProperty("approvals").ValueKind);
        Assert.Equal(JsonValueKind.Array, export.GetProperty("notifications").ValueKind);
        Assert.DoesNotContain("hash", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("4821", text);
    }

    [Fact]
    public async Task A_csv_export_holds_the_same_facts_a_line_each_under_one_header()
    {
        var (person, badge, _) = await PersonWithHistory();

        var response = await _floor.Admin.GetAsync($"/api/v1/people/{person}/export?format=csv");
        var lines = (await response.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("section,id,at,kind,keyId,cabinetId,detail", lines[0]);
        Assert.Contains($"profile,{person},,name,,,Pat", lines);
        Assert.Contains($"profile,{person},,email,,,{person}@example.org", lines);
        Assert.Contains($"badge,{badge},,,,,", lines);
        Assert.Equal(5, lines.Count(l => l.StartsWith("custody,", StringComparison.Ordinal)));
        Assert.Contains(lines, l => l.StartsWith("alarm,", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains("hash", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task An_export_of_an_unknown_person_is_not_found_and_creates_nobody()
    {
        var nobody = Floor.Unique("nobody");

        var export = await _floor.Get($"/api/v1/people/{nobody}/export", HttpStatusCode.NotFound);
        var after = await _floor.Get($"/api/v1/people/{nobody}", HttpStatusCode.NotFound);
        var listed = await _floor.Get($"/api/v1/people?search={nobody}");

        Assert.Equal("NotFound", export.GetProperty("code").GetString());
        Assert.Equal("NotFound", after.GetProperty("code").GetString());
        Assert.Equal(0, listed.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task Only_an_administrator_exports_and_a_format_that_is_not_json_or_csv_is_refused_by_name()
    {
        var (person, _) = await _floor.Person();

        var byOperator = await fixture.Node.Client(NodeApp.OperatorKey).GetAsync($"/api/v1/people/{person}/export");
        var badFormat = await _floor.Get($"/api/v1/people/{person}/export?format=xml", HttpStatusCode.BadRequest);

        Assert.Equal(HttpStatusCode.Forbidden, byOperator.StatusCode);
        Assert.True(badFormat.GetProperty("errors").TryGetProperty("format", out _));
    }
}

public sealed class SqlitePersonExportSpecs(StillClockNodeFixture<SqliteTestDatabase> fixture) : PersonExportSpecs<SqliteTestDatabase>(fixture);

public sealed class PostgresPersonExportSpecs(StillClockNodeFixture<PostgresTestDatabase> fixture) : PersonExportSpecs<PostgresTestDatabase>(fixture);
