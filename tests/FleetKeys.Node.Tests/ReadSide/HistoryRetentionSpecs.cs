using System.Net;
using System.Text.Json;
using Akka.Actor;
using Akka.Hosting;
using FleetKeys.Cluster.People;
using FleetKeys.Domain.Retention;
using FleetKeys.Testing;
using Microsoft.Extensions.Time.Testing;

namespace FleetKeys.Node.Tests.ReadSide;

/// <summary>
/// Retention (issue #23, point 3): custody history from a year wholly past its site's retention is shredded by the daily
/// look — its reasons and notes read as the erased person in the journal, the audit and the read side, and no table
/// holds them — while the person's name, their recent history and the same year's history at a site that keeps it
/// longer stay readable, and the audit verifies and records the decision per site.
/// </summary>
public abstract class HistoryRetentionSpecs<TDatabase> : IAsyncLifetime where TDatabase : TestDatabase, new()
{
    private const string Name = "Ottoline Brackenbury";
    private const string OldHandover = "OLDYEAR handover to Ottoline";
    private const string OldRelease = "OLDYEAR release to Ottoline";
    private const string OldRequest = "OLDYEAR night shift request";
    private const string OldNote = "OLDYEAR approved for the night";
    private const string Recent = "RECENTYEAR release to Ottoline";
    private const string Harbour = "OLDYEAR release at the harbour to Ottoline";
    private const string Badge = "OBBADGE2016";

    /// <summary>Seven years everywhere, as an administrator would configure it, and ten at the harbour.</summary>
    private static string[] Retained(string harbour) =>
        ["--FleetKeys:Retention:Period", "2557.00:00:00", $"--FleetKeys:Retention:Sites:{harbour}", "3653.00:00:00"];

    private readonly TDatabase _database = new();

    public Task InitializeAsync() => _database.InitializeAsync();

    public Task DisposeAsync() => _database.DisposeAsync();

    [Fact]
    public async Task History_from_a_year_wholly_past_its_sites_retention_is_shredded_and_the_rest_stays_readable()
    {
        string person, cabinet, harbour, depot;
        var then = new FakeTimeProvider(new DateTimeOffset(2016, 3, 1, 9, 0, 0, TimeSpan.Zero));
        await using (var node = await NodeApp.StartAsync(_database.Settings, then))
        {
            var floor = new Floor(node, then);
            depot = await floor.Site();
            (person, cabinet) = await OldHistory(floor, depot);
            // The same year at a site that keeps its history ten years.
            harbour = await floor.Site();
            var atHarbour = await floor.Cabinet(harbour, slots: 2);
            await (await floor.Admin.Post($"/api/v1/cabinets/{atHarbour}/slots/2/remote-release", new { personId = person, reason = Harbour }))
                .Read<JsonElement>(HttpStatusCode.OK);
            await floor.TagLeaves(atHarbour, 2);
            await floor.Return(atHarbour, Badge, 2);
        }

        // New Year's Day 2024: seven years (2557 days) back is the last day of 2016, so 2016 is not yet wholly past the retention.
        var clock = new FakeTimeProvider(new DateTimeOffset(2024, 1, 1, 12, 0, 0, TimeSpan.Zero));
        await using (var node = await NodeApp.StartAsync(_database.Settings, clock, Retained(harbour)))
        {
            var floor = new Floor(node, clock);
            await (await floor.Admin.Post($"/api/v1/cabinets/{cabinet}/slots/2/remote-release", new { personId = person, reason = Recent }))
                .Read<JsonElement>(HttpStatusCode.OK);
            await floor.TagLeaves(cabinet, 2);
            await floor.Return(cabinet, Badge, 2);
            // Four returns (three in 2016, one now): the history is complete.
            await Eventually.Holds(async () =>
            {
                var items = (await floor.Get($"/api/v1/history?personId={person}")).GetProperty("items").EnumerateArray().ToList();
                Assert.Equal(4, items.Count(e => e.GetProperty("kind").GetString() == "returned"));
                Assert.Contains(items, e => Reason(e) == OldHandover);
            });
            var history = (await Reasons(floor, person)).Count;
            Assert.Equal(0, (await Looked(node, since: clock.GetUtcNow())).KeysDestroyed);
            Assert.Empty(await Retentions(floor));

            // A day later 2016 has wholly passed the depot's cut-off: the daily look shreds it there, not at the harbour.
            clock.Advance(TimeSpan.FromDays(1));

            Assert.True((await Looked(node, since: clock.GetUtcNow())).KeysDestroyed >= 1);
            // The audit projects the decision after the journal holds it.
            await Eventually.Holds(async () => Assert.Single(await Retentions(floor)));
            var applied = (await Retentions(floor))[0].GetProperty("event");
            var site = Assert.Single(applied.GetProperty("Sites").EnumerateArray());
            Assert.Equal(depot, site.GetProperty("Site").GetString());
            Assert.Equal([2016], site.GetProperty("Periods").EnumerateArray().Select(p => p.GetInt32()));
            Assert.True(site.GetProperty("Keys").GetInt32() >= 1, applied.ToString());
            Assert.Equal(site.GetProperty("Keys").GetInt32(), applied.GetProperty("KeysDestroyed").GetInt32());
            var shown = $"erased person #{person}";
            await Eventually.Holds(async () =>
            {
                var reasons = await Reasons(floor, person);
                Assert.DoesNotContain(OldHandover, reasons);
                Assert.DoesNotContain(OldRelease, reasons);
                Assert.Contains(shown, reasons);
                Assert.Contains(Recent, reasons);
                Assert.Contains(Harbour, reasons);
            });
            var approvals = await floor.Get($"/api/v1/approval-requests?personId={person}");
            Assert.Equal(1, approvals.GetProperty("items").GetArrayLength());
            Assert.DoesNotContain(OldRequest, approvals.GetRawText());
            Assert.DoesNotContain(OldNote, approvals.GetRawText());
            // Before any rebuild: the notices that quoted the request's reason and its approval's note have followed too.
            Assert.Empty(await DatabaseTraces.Of(_database, [OldRequest, OldNote]));
            Assert.Equal(Name, (await floor.Get($"/api/v1/people/{person}")).GetProperty("name").GetString());

            // The projections rebuilt from the journal show the same; the audit still verifies; another look adds nothing.
            foreach (var name in (await floor.Get("/api/v1/projections")).EnumerateArray().Select(p => p.GetProperty("name").GetString()).Where(n => n != "audit"))
                (await floor.Admin.PostAsync($"/api/v1/projections/{name}/rebuild", null)).EnsureSuccessStatusCode();
            await Eventually.Holds(async () =>
            {
                var reasons = await Reasons(floor, person);
                Assert.Equal(history, reasons.Count);
                Assert.Contains(shown, reasons);
                Assert.Contains(Recent, reasons);
                Assert.Contains(Harbour, reasons);
                Assert.DoesNotContain(OldHandover, reasons);
            });
            clock.Advance(TimeSpan.FromDays(1));
            Assert.Equal(0, (await Looked(node, since: clock.GetUtcNow())).KeysDestroyed);
            var verified = await (await node.Client(NodeApp.AuditorKey).GetAsync("/api/v1/audit/verify")).Read<JsonElement>(HttpStatusCode.OK);
            Assert.True(verified.GetProperty("intact").GetBoolean(), verified.ToString());
            Assert.Single(await Retentions(floor));
            var export = await floor.Get($"/api/v1/people/{person}/export");
            Assert.DoesNotContain(OldHandover, export.GetRawText());
            Assert.Contains(Recent, export.GetRawText());
            Assert.Contains(Harbour, export.GetRawText());
        }

        Assert.Empty(await DatabaseTraces.Of(_database, [OldHandover, OldRelease, OldRequest, OldNote]));
        Assert.Contains(Recent, string.Join("", await DatabaseTraces.Of(_database, [Recent])));
        Assert.Contains(Harbour, string.Join("", await DatabaseTraces.Of(_database, [Harbour])));
    }

    /// <summary>In 2016 at the depot: a key handed over to the person and released to them remotely, and an approval, each with text naming them.</summary>
    private static async Task<(string Person, string Cabinet)> OldHistory(Floor floor, string site)
    {
        var admin = floor.Admin;
        var cabinet = await floor.Cabinet(site, slots: 3);
        var person = Floor.Unique("p");
        var approver = Floor.Unique("boss");
        await (await admin.Post("/api/v1/people", new { id = approver, name = "Approver", maxKeys = 1 })).Read<JsonElement>(HttpStatusCode.Created);
        await (await admin.Put($"/api/v1/people/{approver}/entitlements", new[] { new { group = (string?)null } })).Read<JsonElement>(HttpStatusCode.OK);
        await (await admin.Post("/api/v1/people", new { id = person, name = Name, maxKeys = 3 })).Read<JsonElement>(HttpStatusCode.Created);
        await (await admin.Post($"/api/v1/people/{person}/badges", new { badge = Badge })).Read<JsonElement>(HttpStatusCode.OK);
        await (await admin.Put($"/api/v1/people/{person}/entitlements", new[] { new { group = (string?)null } })).Read<JsonElement>(HttpStatusCode.OK);
        await (await admin.Put($"/api/v1/cabinets/{cabinet}/slots/3/key", new
        {
            keyId = Floor.Key(cabinet, 3), name = "Vault", group = "general", tagId = Floor.Tag(cabinet, 3), approvalBy = "person", approverId = approver,
        })).Read<JsonElement>(HttpStatusCode.OK);

        var request = await (await admin.Post("/api/v1/approval-requests", new { cabinetId = cabinet, slot = 3, personId = person, reason = OldRequest }))
            .Read<JsonElement>(HttpStatusCode.Created);
        await (await admin.Post($"/api/v1/approval-requests/{request.GetProperty("id").GetString()}/approve", new { note = OldNote }))
            .Read<JsonElement>(HttpStatusCode.OK);
        await (await admin.Post($"/api/v1/cabinets/{cabinet}/slots/1/remote-release", new { personId = approver, reason = "spare key" }))
            .Read<JsonElement>(HttpStatusCode.OK);
        await floor.TagLeaves(cabinet, 1);
        await (await admin.Post($"/api/v1/cabinets/{cabinet}/slots/1/handover", new { toPersonId = person, reason = OldHandover }))
            .Read<JsonElement>(HttpStatusCode.OK);
        await floor.Return(cabinet, Badge, 1);
        await (await admin.Post($"/api/v1/cabinets/{cabinet}/slots/1/remote-release", new { personId = person, reason = OldRelease }))
            .Read<JsonElement>(HttpStatusCode.OK);
        await floor.TagLeaves(cabinet, 1);
        await floor.Return(cabinet, Badge, 1);
        await Eventually.Holds(async () => Assert.Contains(OldRelease, await Reasons(floor, person)));
        return (person, cabinet);
    }

    private static async Task<List<string?>> Reasons(Floor floor, string person) =>
        [.. (await floor.Get($"/api/v1/history?personId={person}")).GetProperty("items").EnumerateArray().Select(Reason)];

    private static string? Reason(JsonElement entry) => entry.TryGetProperty("reason", out var reason) ? reason.GetString() : null;

    /// <summary>
    /// The retention's first look finished at or after <paramref name="since"/> (the start, or a day advanced): a check
    /// that nothing was shredded means something only once the look it is about has run.
    /// </summary>
    private static async Task<RetentionLook> Looked(NodeApp node, DateTimeOffset since)
    {
        var retention = node.Service<IActorRegistry>().Get<HistoryRetentionSingleton>();
        var look = new RetentionLook(null, 0);
        await Eventually.Holds(async () =>
        {
            look = await retention.Ask<RetentionLook>(new GetRetentionLook(), TimeSpan.FromSeconds(5));
            Assert.True(look.At >= since, $"last look {look.At}, waiting for one at {since}");
        });
        return look;
    }

    private static async Task<List<JsonElement>> Retentions(Floor floor) =>
        [.. (await floor.Get("/api/v1/audit?persistenceId=history-retention")).GetProperty("items").EnumerateArray()];
}

public sealed class SqliteHistoryRetentionSpecs : HistoryRetentionSpecs<SqliteTestDatabase>;

public sealed class PostgresHistoryRetentionSpecs : HistoryRetentionSpecs<PostgresTestDatabase>;
