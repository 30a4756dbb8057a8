using System.Net;
using System.Text.Json;
using FleetKeys.Testing;

namespace FleetKeys.Node.Tests.ReadSide;

/// <summary>
/// Erasure on request over real HTTP (issue #23): who may, what is refused, and what is left: the person's history under
/// "erased person #id", their badge free for someone else, and an audit that still verifies and records the erasure.
/// </summary>
public abstract class PersonErasureSpecs<TDatabase>(StillClockNodeFixture<TDatabase> fixture) : IClassFixture<StillClockNodeFixture<TDatabase>>
    where TDatabase : TestDatabase, new()
{
    private readonly Floor _floor = fixture.Floor;

    private Task<HttpResponseMessage> Erase(string person, object body, HttpClient? client = null) =>
        (client ?? _floor.Admin).Post($"/api/v1/people/{person}/erase", body);

    [Fact]
    public async Task An_erasure_needs_a_reason_and_an_administrator()
    {
        var (person, _) = await _floor.Person();

        var noReason = await (await Erase(person, new { })).Read<JsonElement>(HttpStatusCode.BadRequest);
        var byOperator = await Erase(person, new { reason = "request 42" }, fixture.Node.Client(NodeApp.OperatorKey));

        Assert.True(noReason.GetProperty("errors").TryGetProperty("reason", out _), noReason.ToString());
        Assert.Equal(HttpStatusCode.Forbidden, byOperator.StatusCode);
        Assert.Equal("Pat", (await _floor.Get($"/api/v1/people/{person}")).GetProperty("name").GetString());
    }

    [Fact]
    public async Task Erasing_an_unknown_person_is_not_found_and_creates_nobody()
    {
        var nobody = Floor.Unique("nobody");

        var erased = await (await Erase(nobody, new { reason = "request 42" })).Read<JsonElement>(HttpStatusCode.NotFound);

        Assert.Equal("NotFound", erased.GetProperty("code").GetString());
        await _floor.Get($"/api/v1/people/{nobody}", HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_person_holding_a_key_is_not_erased_and_is_told_to_bring_it_back_first()
    {
        var cabinet = await _floor.Cabinet();
        var (person, badge) = await _floor.Person();
        await _floor.Take(cabinet, badge, 1);

        var refused = await (await Erase(person, new { reason = "request 42" })).Read<JsonElement>(HttpStatusCode.Conflict);

        Assert.Contains("must come back or be written off", refused.GetProperty("detail").GetString());
        Assert.Equal("Pat", (await _floor.Get($"/api/v1/people/{person}")).GetProperty("name").GetString());
    }

    [Fact]
    public async Task A_keys_journal_shows_an_erased_persons_take_reason_as_the_erased_person_never_in_its_sealed_form()
    {
        var cabinet = await _floor.Cabinet();
        await (await _floor.Admin.Put($"/api/v1/cabinets/{cabinet}/slots/2/key", new
        {
            keyId = Floor.Key(cabinet, 2), name = "Key 2", group = "general", criticality = "normal", tagId = Floor.Tag(cabinet, 2),
            maxDurationMinutes = 480, reasons = new[] { "Night round" },
        })).Read<JsonElement>(HttpStatusCode.OK);
        var (person, badge) = await _floor.Person();
        await _floor.Take(cabinet, badge, 2, reason: 1);
        await _floor.Return(cabinet, badge, 2);
        var path = $"/api/v1/cabinets/{cabinet}/slots/2/history";
        async Task<string> ReasonGiven() => (await _floor.Get(path)).EnumerateArray()
            .Single(e => e.GetProperty("type").GetString() == "keyslot.take-reason-given.v1").GetProperty("event").GetRawText();
        Assert.Contains("Night round", await ReasonGiven());

        await (await Erase(person, new { reason = "request 43" })).Read<JsonElement>(HttpStatusCode.OK);

        Assert.Contains($"erased person #{person}", await ReasonGiven());
        Assert.DoesNotContain("Night round", await ReasonGiven());
        Assert.DoesNotContain("sealed/", (await _floor.Get(path)).GetRawText());
    }

    [Fact]
    public async Task An_erased_person_is_shown_as_erased_with_their_history_kept_their_badge_freed_and_the_audit_verifying()
    {
        var cabinet = await _floor.Cabinet();
        var (person, badge) = await _floor.Person();
        await (await _floor.Admin.Put($"/api/v1/people/{person}/contact", new { email = $"{person}@example.org" })).Read<JsonElement>(HttpStatusCode.OK);
        await _floor.Take(cabinet, badge, 2);
        await _floor.Return(cabinet, badge, 2);
        await _floor.Listed($"/api/v1/history?personId={person}", 3);

        var erased = await (await Erase(person, new { reason = "request 42" })).Read<JsonElement>(HttpStatusCode.OK);
        var again = await (await Erase(person, new { reason = "request 42" })).Read<JsonElement>(HttpStatusCode.OK);

        var shown = $"erased person #{person}";
        Assert.Equal(shown, erased.GetProperty("shownAs").GetString());
        Assert.Equal(shown, again.GetProperty("shownAs").GetString());
        var profile = await _floor.Get($"/api/v1/people/{person}");
        Assert.Equal((shown, 0, (string?)null), (profile.GetProperty("name").GetString(), profile.GetProperty("badges").GetArrayLength(),
            profile.GetProperty("email").GetString()));
        await _floor.Listed($"/api/v1/history?personId={person}", 3);
        await Eventually.Holds(async () =>
            Assert.Equal(shown, (await _floor.Get($"/api/v1/people?search={person}")).GetProperty("items")[0].GetProperty("name").GetString()));
        var export = await _floor.Get($"/api/v1/people/{person}/export");
        Assert.Equal(shown, export.GetProperty("person").GetProperty("name").GetString());
        Assert.Equal(3, export.GetProperty("custody").GetArrayLength());
        var (other, _) = await _floor.Person();
        await (await _floor.Admin.Post($"/api/v1/people/{other}/badges", new { badge })).Read<JsonElement>(HttpStatusCode.OK);
        await Eventually.Holds(async () =>
        {
            var audit = await _floor.Get($"/api/v1/audit?persistenceId=person-{person}");
            var erasure = audit.GetProperty("items").EnumerateArray().Single(r => r.GetProperty("type").GetString() == "person.erased.v1");
            Assert.Contains("request 42", erasure.GetRawText());
            var verified = await (await fixture.Node.Client(NodeApp.AuditorKey).GetAsync("/api/v1/audit/verify")).Read<JsonElement>(HttpStatusCode.OK);
            Assert.True(verified.GetProperty("intact").GetBoolean(), verified.ToString());
        });
    }
}

public sealed class SqlitePersonErasureSpecs(StillClockNodeFixture<SqliteTestDatabase> fixture) : PersonErasureSpecs<SqliteTestDatabase>(fixture);

public sealed class PostgresPersonErasureSpecs(StillClockNodeFixture<PostgresTestDatabase> fixture) : PersonErasureSpecs<PostgresTestDatabase>(fixture);
