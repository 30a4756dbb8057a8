using System.Net;
using System.Text.Json;
using FleetKeys.Domain.KeySlots;
using FleetKeys.Testing;
using Microsoft.Extensions.Time.Testing;

namespace FleetKeys.Node.Tests.ReadSide;

/// <summary>
/// The proof of crypto-shredding (issue #23): a person with a long history is erased; the node restarts, every entity and
/// the whole journal replay, the read side is rebuilt, the audit verifies, and no table — on SQLite no byte of the database
/// files — holds the person's name, e-mail or badge numbers any more; nor those of a person SCIM provisioned.
/// </summary>
public abstract class PersonErasureProofSpecs<TDatabase> : IAsyncLifetime where TDatabase : TestDatabase, new()
{
    private const string Name = "Zebediah Quillfeather";
    private const string Email = "zebediah.quillfeather@example.org";
    private const string ScimName = "Quirinus Vandersloot";
    private const string ScimEmail = "quirinus.vandersloot@example.com";
    private static readonly string[] Badges = ["ZQBADGE4417", "ZQBADGE4418"];

    private readonly TDatabase _database = new();
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);

    public Task InitializeAsync() => _database.InitializeAsync();

    public Task DisposeAsync() => _database.DisposeAsync();

    /// <summary>
    /// Takes with a reason, a return with answers, an approval with its reason and note, a key handed over to them and a
    /// remote release to them, each with an operator's reason naming them, a revocation (its alarm) holding a key, and a
    /// handover of that key to a colleague, who brings it back.
    /// </summary>
    private static async Task<(string Person, string Colleague)> LongHistory(Floor floor)
    {
        var admin = floor.Admin;
        var cabinet = await floor.Cabinet(slots: 4);
        var person = Floor.Unique("p");
        var approver = Floor.Unique("boss");
        await (await admin.Post("/api/v1/people", new { id = approver, name = "Approver", maxKeys = 1 })).Read<JsonElement>(HttpStatusCode.Created);
        await (await admin.Put($"/api/v1/people/{approver}/entitlements", new[] { new { group = (string?)null } })).Read<JsonElement>(HttpStatusCode.OK);
        await (await admin.Post("/api/v1/people", new { id = person, name = Name, maxKeys = 3, email = Email })).Read<JsonElement>(HttpStatusCode.Created);
        foreach (var badge in Badges)
            await (await admin.Post($"/api/v1/people/{person}/badges", new { badge })).Read<JsonElement>(HttpStatusCode.OK);
        await (await admin.Put($"/api/v1/people/{person}/entitlements", new[] { new { group = (string?)null } })).Read<JsonElement>(HttpStatusCode.OK);
        await (await admin.Put($"/api/v1/cabinets/{cabinet}/slots/2/key", new
        {
            keyId = Floor.Key(cabinet, 2), name = "Van", group = "general", tagId = Floor.Tag(cabinet, 2), reasons = new[] { "Delivery" },
            returnQuestions = new { odometer = true },
        })).Read<JsonElement>(HttpStatusCode.OK);
        await (await admin.Put($"/api/v1/cabinets/{cabinet}/slots/3/key", new
        {
            keyId = Floor.Key(cabinet, 3), name = "Vault", group = "general", tagId = Floor.Tag(cabinet, 3), approvalBy = "person", approverId = approver,
        })).Read<JsonElement>(HttpStatusCode.OK);

        await floor.Take(cabinet, Badges[0], 2, reason: 1);
        await floor.Return(cabinet, Badges[0], 2);
        await floor.ReturnAnswers(cabinet, 2, new ReturnAnswers(48213, null, null));
        var request = await (await admin.Post("/api/v1/approval-requests", new { cabinetId = cabinet, slot = 3, personId = person, reason = $"night shift of {Name}" }))
            .Read<JsonElement>(HttpStatusCode.Created);
        await (await admin.Post($"/api/v1/approval-requests/{request.GetProperty("id").GetString()}/approve", new { note = $"fine for {Name}" }))
            .Read<JsonElement>(HttpStatusCode.OK);
        await floor.Take(cabinet, Badges[1], 3);
        await floor.Return(cabinet, Badges[1], 3);
        await (await admin.Post($"/api/v1/cabinets/{cabinet}/slots/4/remote-release", new { personId = approver, reason = "spare key" }))
            .Read<JsonElement>(HttpStatusCode.OK);
        await floor.TagLeaves(cabinet, 4);
        await (await admin.Post($"/api/v1/cabinets/{cabinet}/slots/4/handover", new { toPersonId = person, reason = $"{Name} covers the night" }))
            .Read<JsonElement>(HttpStatusCode.OK);
        await floor.Return(cabinet, Badges[0], 4);
        await (await admin.Post($"/api/v1/cabinets/{cabinet}/slots/4/remote-release", new { personId = person, reason = $"{Name} forgot the badge" }))
            .Read<JsonElement>(HttpStatusCode.OK);
        await floor.TagLeaves(cabinet, 4);
        await floor.Return(cabinet, Badges[0], 4);
        await floor.Take(cabinet, Badges[0], 1);
        await (await admin.Post($"/api/v1/people/{person}/revoke", new { status = "suspended", reason = $"{Name} left" })).Read<JsonElement>(HttpStatusCode.OK);
        await (await admin.Post($"/api/v1/cabinets/{cabinet}/slots/1/handover", new { toPersonId = approver, reason = "shift change" }))
            .Read<JsonElement>(HttpStatusCode.OK);
        await floor.TagEnters(cabinet, 1);
        await Eventually.Holds(async () =>
            Assert.NotEmpty((await floor.Get($"/api/v1/alarms?personId={person}&state=all")).GetProperty("items").EnumerateArray()));
        await Eventually.Holds(async () => Assert.Empty((await floor.Get($"/api/v1/people/{person}")).GetProperty("keysHeld").EnumerateArray()));
        return (person, approver);
    }

    [Fact]
    public async Task An_erased_person_leaves_no_trace_in_any_table_after_a_restart_replay_and_rebuild_and_the_audit_still_verifies()
    {
        string person, provisioned;
        int history;
        await using (var node = await NodeApp.StartAsync(_database.Settings, _clock))
        {
            var floor = new Floor(node, _clock);
            (person, var colleague) = await LongHistory(floor);
            provisioned = await Scim.ScimClient.For(node).CreateUser(Scim.ProviderRequests.EntraUser(ScimEmail, "ext-qv", displayName: ScimName));
            // The colleague's return is the last custody fact: once it is on the read side, all of the person's are.
            await Eventually.Holds(async () => Assert.Contains((await floor.Get($"/api/v1/history?personId={colleague}")).GetProperty("items").EnumerateArray(),
                e => e.GetProperty("kind").GetString() == "returned"));
            var items = (await floor.Get($"/api/v1/history?personId={person}")).GetProperty("items");
            history = items.GetArrayLength();
            var reasons = items.EnumerateArray().Select(e => (e.GetProperty("kind").GetString(), e.TryGetProperty("reason", out var r) ? r.GetString() : null)).ToList();
            Assert.Contains(("handedOver", $"{Name} covers the night"), reasons);
            Assert.Contains(("remoteReleased", $"{Name} forgot the badge"), reasons);
            Assert.True(history >= 10, items.ToString());
            foreach (var erased in new[] { person, provisioned })
                await (await floor.Admin.Post($"/api/v1/people/{erased}/erase", new { reason = "erasure request 117" })).Read<JsonElement>(HttpStatusCode.OK);
        }

        var shown = $"erased person #{person}";
        await using (var node = await NodeApp.StartAsync(_database.Settings, _clock))
        {
            var floor = new Floor(node, _clock);
            var profile = await floor.Get($"/api/v1/people/{person}");
            var projections = await floor.Get("/api/v1/projections");
            foreach (var name in projections.EnumerateArray().Select(p => p.GetProperty("name").GetString()).Where(n => n != "audit"))
                (await floor.Admin.PostAsync($"/api/v1/projections/{name}/rebuild", null)).EnsureSuccessStatusCode();
            await floor.Listed($"/api/v1/history?personId={person}", history);
            await Eventually.Holds(async () =>
                Assert.Equal(shown, (await floor.Get($"/api/v1/people?search={person}")).GetProperty("items")[0].GetProperty("name").GetString()));
            var export = await floor.Get($"/api/v1/people/{person}/export");
            var verified = await (await node.Client(NodeApp.AuditorKey).GetAsync("/api/v1/audit/verify")).Read<JsonElement>(HttpStatusCode.OK);

            Assert.Equal(shown, profile.GetProperty("name").GetString());
            Assert.Equal(shown, export.GetProperty("person").GetProperty("name").GetString());
            Assert.Equal(history, export.GetProperty("custody").GetArrayLength());
            Assert.Equal($"erased person #{provisioned}", (await floor.Get($"/api/v1/people/{provisioned}")).GetProperty("name").GetString());
            Assert.True(verified.GetProperty("intact").GetBoolean(), verified.ToString());
            Assert.DoesNotContain(Name, export.GetRawText());
        }

        Assert.Empty(await DatabaseTraces.Of(_database, [Name, Email, .. Badges, ScimName, ScimEmail]));
    }
}

public sealed class SqlitePersonErasureProofSpecs : PersonErasureProofSpecs<SqliteTestDatabase>;

public sealed class PostgresPersonErasureProofSpecs : PersonErasureProofSpecs<PostgresTestDatabase>;
