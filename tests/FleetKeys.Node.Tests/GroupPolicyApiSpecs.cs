using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FleetKeys.Testing;

namespace FleetKeys.Node.Tests;

/// <summary>
/// A key group's reasons, return questions and approval over HTTP: every key of the group takes them, other groups and
/// the fields left out stay; bad fields are named, an unknown group is 404, only admins change rules.
/// </summary>
public abstract class GroupPolicyApiSpecs<TDatabase>(NodeFixture<TDatabase> fixture) : IClassFixture<NodeFixture<TDatabase>>
    where TDatabase : TestDatabase, new()
{
    private readonly HttpClient _admin = fixture.Node.Client();
    private readonly HttpClient _operator = fixture.Node.Client(NodeApp.OperatorKey);

    private static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 13)];

    /// <summary>A cabinet whose slots 1 and 2 hold keys of a new group, slot 3 a key of another; each asks "Old" and has a 2 h limit.</summary>
    private async Task<(string Cabinet, string Group, string Other)> TwoGroups()
    {
        var site = Unique("site");
        await (await _admin.Post("/api/v1/sites", new { id = site, name = "Depot", timeZone = "Europe/Berlin" })).Read<JsonElement>(HttpStatusCode.Created);
        var cabinet = Unique("cab");
        var (controller, busAddress) = await TestControllers.NextBusAddress(_admin);
        await (await _admin.Post("/api/v1/cabinets", new { id = cabinet, siteId = site, controllerId = controller, busAddress, slotCount = 3 }))
            .Read<JsonElement>(HttpStatusCode.Created);
        var (group, other) = (Unique("vans"), Unique("cars"));
        foreach (var (slot, inGroup) in new[] { (1, group), (2, group), (3, other) })
            await (await _admin.Put($"/api/v1/cabinets/{cabinet}/slots/{slot}/key", new
            {
                keyId = $"k{slot}-{cabinet}", name = $"Van {slot}", group = inGroup, tagId = $"t{slot}-{cabinet}", maxDurationMinutes = 120,
                remindMinutesBefore = 15, reasons = new[] { "Old" },
            })).Read<JsonElement>(HttpStatusCode.OK);
        await Eventually.Holds(async () => Assert.Equal(2,
            (await (await _admin.GetAsync($"/api/v1/key-groups/{group}/keys")).Read<JsonElement>(HttpStatusCode.OK)).GetProperty("total").GetInt64()));
        return (cabinet, group, other);
    }

    private async Task<JsonElement> Key(string cabinet, int slot) =>
        (await (await _admin.GetAsync($"/api/v1/cabinets/{cabinet}/slots/{slot}")).Read<JsonElement>(HttpStatusCode.OK)).GetProperty("key");

    private static string[] Reasons(JsonElement key) => [.. key.GetProperty("reasons").EnumerateArray().Select(r => r.GetString()!)];

    private Task<HttpResponseMessage> Patch(string group, object body, HttpClient? client = null) =>
        (client ?? _admin).PatchAsJsonAsync($"/api/v1/key-groups/{group}/policy", body);

    [Fact]
    public async Task Every_key_of_the_group_takes_the_reasons_questions_and_approval_and_keeps_the_rest()
    {
        var (cabinet, group, _) = await TwoGroups();

        var changed = await (await Patch(group, new
        {
            reasons = new[] { "Delivery", "Service" }, returnQuestions = new { odometer = true, fuel = true },
            approvalBy = "manager", approvalWindowMinutes = 10,
        })).Read<JsonElement>(HttpStatusCode.OK);
        Assert.Equal((group, 2, 2, 0), (changed.GetProperty("group").GetString(), changed.GetProperty("keys").GetInt32(),
            changed.GetProperty("changed").GetInt32(), changed.GetProperty("refused").GetArrayLength()));

        foreach (var slot in new[] { 1, 2 })
        {
            var key = await Key(cabinet, slot);
            Assert.Equal(["Delivery", "Service"], Reasons(key));
            var questions = key.GetProperty("returnQuestions");
            Assert.Equal((true, true, false), (questions.GetProperty("odometer").GetBoolean(), questions.GetProperty("fuel").GetBoolean(),
                questions.GetProperty("damage").GetBoolean()));
            var approval = key.GetProperty("approval");
            Assert.Equal(("manager", 10, 60), (approval.GetProperty("by").GetString(), approval.GetProperty("windowMinutes").GetInt32(),
                approval.GetProperty("validMinutes").GetInt32()));
            Assert.Equal((120, 15), (key.GetProperty("maxDurationMinutes").GetInt32(), key.GetProperty("remindMinutesBefore").GetInt32()));
            await Eventually.Holds(async () =>
            {
                var audit = await (await _admin.GetAsync($"/api/v1/audit?persistenceId=keyslot-{cabinet}/{slot}")).Read<JsonElement>(HttpStatusCode.OK);
                Assert.Contains(audit.GetProperty("items").EnumerateArray(),
                    e => e.GetProperty("type").GetString() == "keyslot.assigned.v1" && e.GetProperty("event").ToString().Contains("Delivery"));
            });
        }

        var otherKey = await Key(cabinet, 3);
        Assert.Equal(["Old"], Reasons(otherKey));
        Assert.True(otherKey.GetProperty("approval").ValueKind is JsonValueKind.Null or JsonValueKind.Undefined);
        Assert.False(otherKey.GetProperty("returnQuestions").GetProperty("odometer").GetBoolean());
    }

    [Fact]
    public async Task Approval_null_removes_approval_and_keeps_the_lists_and_the_same_rules_again_change_nothing()
    {
        var (cabinet, group, _) = await TwoGroups();
        await (await Patch(group, new { approvalBy = "security", approvalValidMinutes = 30 })).Read<JsonElement>(HttpStatusCode.OK);
        Assert.Equal("security", (await Key(cabinet, 1)).GetProperty("approval").GetProperty("by").GetString());
        Assert.Equal(["Old"], Reasons(await Key(cabinet, 1)));
        await (await Patch(group, new { reasons = new[] { "New" } })).Read<JsonElement>(HttpStatusCode.OK);
        Assert.Equal(("security", 30), ((await Key(cabinet, 2)).GetProperty("approval").GetProperty("by").GetString(),
            (await Key(cabinet, 2)).GetProperty("approval").GetProperty("validMinutes").GetInt32()));

        var removed = await (await _admin.PatchAsync($"/api/v1/key-groups/{group}/policy",
            new StringContent("""{"approvalBy":null}""", System.Text.Encoding.UTF8, "application/json"))).Read<JsonElement>(HttpStatusCode.OK);
        Assert.Equal(2, removed.GetProperty("changed").GetInt32());
        foreach (var slot in new[] { 1, 2 })
        {
            var key = await Key(cabinet, slot);
            Assert.True(key.GetProperty("approval").ValueKind is JsonValueKind.Null or JsonValueKind.Undefined, $"slot {slot}: {key}");
            Assert.Equal(["New"], Reasons(key));
            Assert.Equal(120, key.GetProperty("maxDurationMinutes").GetInt32());
        }

        var again = await (await Patch(group, new { reasons = new[] { "New" } })).Read<JsonElement>(HttpStatusCode.OK);
        Assert.Equal((2, 0), (again.GetProperty("keys").GetInt32(), again.GetProperty("changed").GetInt32()));
    }

    [Fact]
    public async Task A_key_in_custody_keeps_its_rules_and_is_listed_as_refused()
    {
        var (cabinet, group, _) = await TwoGroups();
        var person = Unique("p");
        await (await _admin.Post("/api/v1/people", new { id = person, name = "Pat", maxKeys = 2 })).Read<JsonElement>(HttpStatusCode.Created);
        await (await _operator.Post($"/api/v1/cabinets/{cabinet}/slots/1/remote-release", new { personId = person, reason = "Old" }))
            .Read<JsonElement>(HttpStatusCode.OK);

        var changed = await (await Patch(group, new { reasons = new[] { "New" } })).Read<JsonElement>(HttpStatusCode.OK);
        Assert.Equal((2, 1), (changed.GetProperty("keys").GetInt32(), changed.GetProperty("changed").GetInt32()));
        var refused = Assert.Single(changed.GetProperty("refused").EnumerateArray());
        Assert.Equal((cabinet, 1, $"k1-{cabinet}", "Conflict"), (refused.GetProperty("cabinetId").GetString(), refused.GetProperty("slot").GetInt32(),
            refused.GetProperty("keyId").GetString(), refused.GetProperty("code").GetString()));
        Assert.Equal(["Old"], Reasons(await Key(cabinet, 1)));
        Assert.Equal(["New"], Reasons(await Key(cabinet, 2)));
    }

    [Theory]
    [InlineData("""{}""", "body")]
    [InlineData("""{"approverId":"boss"}""", "approverId")]
    [InlineData("""{"approvalBy":"person"}""", "approverId")]
    [InlineData("""{"approvalBy":"manager","approvalWindowMinutes":1441}""", "approvalWindowMinutes")]
    [InlineData("""{"approvalValidMinutes":10}""", "approvalValidMinutes")]
    [InlineData("""{"approvalBy":"anyone"}""", "approvalBy")]
    [InlineData("""{"reasons":["Fuel","fuel"]}""", "reasons")]
    [InlineData("""{"reasons":["1","2","3","4","5","6","7","8","9","10"]}""", "reasons")]
    [InlineData("""{"returnQuestions":{"odometer":"yes"}}""", "returnQuestions.odometer")]
    public async Task A_bad_field_is_a_400_naming_it_and_changes_no_key(string body, string field)
    {
        var (cabinet, group, _) = await TwoGroups();
        var response = await _admin.PatchAsync($"/api/v1/key-groups/{group}/policy", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        var problem = await response.Read<JsonElement>(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"expected {field} in {problem}");
        Assert.Equal(["Old"], Reasons(await Key(cabinet, 1)));
    }

    [Fact]
    public async Task An_unknown_group_is_404_and_stays_unknown()
    {
        var nobody = Unique("none");
        var missing = await (await Patch(nobody, new { reasons = new[] { "Delivery" } })).Read<JsonElement>(HttpStatusCode.NotFound);
        Assert.Equal("NotFound", missing.GetProperty("code").GetString());
        var groups = await (await _admin.GetAsync("/api/v1/key-groups")).Read<JsonElement>(HttpStatusCode.OK);
        Assert.DoesNotContain(groups.EnumerateArray(), g => g.GetProperty("group").GetString() == nobody);
    }

    [Fact]
    public async Task Only_an_admin_changes_a_groups_rules()
    {
        var (cabinet, group, _) = await TwoGroups();
        Assert.Equal(HttpStatusCode.Forbidden, (await Patch(group, new { reasons = new[] { "Delivery" } }, _operator)).StatusCode);
        Assert.Equal(["Old"], Reasons(await Key(cabinet, 1)));
    }
}

public sealed class SqliteGroupPolicyApiSpecs(NodeFixture<SqliteTestDatabase> fixture) : GroupPolicyApiSpecs<SqliteTestDatabase>(fixture);

public sealed class PostgresGroupPolicyApiSpecs(NodeFixture<PostgresTestDatabase> fixture) : GroupPolicyApiSpecs<PostgresTestDatabase>(fixture);
