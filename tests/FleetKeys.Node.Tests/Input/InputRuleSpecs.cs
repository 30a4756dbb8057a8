using System.Net;
using System.Text;
using System.Text.Json;
using Akka.Actor;
using Akka.Cluster.Sharding;
using Akka.Hosting;
using FleetKeys.Cluster.Controllers;
using FleetKeys.Testing;

namespace FleetKeys.Node.Tests.Input;

/// <summary>Bad input is refused before anything is stored: a 400 naming the field, a 404 for what a URL cannot name, a 409 for a clash.</summary>
public sealed class InputRuleSpecs(NodeFixture<SqliteTestDatabase> fixture) : IClassFixture<NodeFixture<SqliteTestDatabase>>
{
    private readonly HttpClient _admin = fixture.Node.Client();

    private static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 13)];

    private async Task<string> Site()
    {
        var id = Unique("site");
        await (await _admin.Post("/api/v1/sites", new { id, name = "Depot", timeZone = "Europe/Berlin" })).Read<JsonElement>(HttpStatusCode.Created);
        return id;
    }

    private async Task<string> Controller()
    {
        var id = Unique("ctl");
        await (await _admin.Post("/api/v1/controllers", new { id, host = "127.0.0.1", port = 9 })).Read<JsonElement>(HttpStatusCode.Created);
        return id;
    }

    private async Task<string> Cabinet(int slots = 2)
    {
        var id = Unique("cab");
        var (controller, busAddress) = await TestControllers.NextBusAddress(_admin);
        await (await _admin.Post("/api/v1/cabinets", new { id, siteId = await Site(), controllerId = controller, busAddress, slotCount = slots }))
            .Read<JsonElement>(HttpStatusCode.Created);
        return id;
    }

    private async Task<string> Person()
    {
        var id = Unique("p");
        await (await _admin.Post("/api/v1/people", new { id, name = "Pat", maxKeys = 2 })).Read<JsonElement>(HttpStatusCode.Created);
        return id;
    }

    private Task<HttpResponseMessage> AssignKey(string cabinet, int slot, string keyId, string name = "Van") =>
        _admin.Put($"/api/v1/cabinets/{cabinet}/slots/{slot}/key", new { keyId, name, group = "vans", tagId = Unique("tag") });

    private async Task<HttpResponseMessage> Send(string method, string path, string json) =>
        await _admin.SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = new StringContent(json, Encoding.UTF8, "application/json") });

    private static async Task NamesField(HttpResponseMessage response, string field)
    {
        var problem = await response.Read<JsonElement>(HttpStatusCode.BadRequest);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"no error for '{field}' in {problem}");
    }

    [Fact]
    public async Task A_key_id_belongs_to_one_slot_at_a_time()
    {
        var (first, second) = (await Cabinet(), await Cabinet());
        var key = Unique("key");
        await (await AssignKey(first, 1, key)).Read<JsonElement>(HttpStatusCode.OK);

        var clash = await (await AssignKey(second, 1, key)).Read<JsonElement>(HttpStatusCode.Conflict);
        var secondView = await (await _admin.GetAsync($"/api/v1/cabinets/{second}")).Read<JsonElement>(HttpStatusCode.OK);
        var sameSlotAgain = await AssignKey(first, 1, key, name: "Van, renamed");

        Assert.Contains($"{first}/1", clash.GetProperty("errors").GetProperty("keyId")[0].GetString());
        Assert.Equal(JsonValueKind.Null, secondView.GetProperty("slots")[0].GetProperty("homeTag").ValueKind);
        Assert.Equal(HttpStatusCode.OK, sameSlotAgain.StatusCode);
    }

    [Fact]
    public async Task A_key_id_is_free_again_once_its_slot_holds_another_key()
    {
        var (first, second) = (await Cabinet(), await Cabinet());
        var key = Unique("key");
        await (await AssignKey(first, 1, key)).Read<JsonElement>(HttpStatusCode.OK);
        await (await AssignKey(first, 1, Unique("other"))).Read<JsonElement>(HttpStatusCode.OK);

        var moved = await (await AssignKey(second, 2, key)).Read<JsonElement>(HttpStatusCode.OK);

        Assert.Equal(key, moved.GetProperty("key").GetProperty("id").GetString());
    }

    [Fact]
    public async Task A_cabinet_must_name_a_registered_controller()
    {
        var controller = Unique("ctl");

        var response = await _admin.Post("/api/v1/cabinets", new { id = Unique("cab"), siteId = await Site(), controllerId = controller, busAddress = 1, slotCount = 4 });

        await NamesField(response, "controllerId");
        Assert.Equal(HttpStatusCode.NotFound, (await _admin.GetAsync($"/api/v1/controllers/{controller}")).StatusCode);
        var controllers = await fixture.Node.Service<IActorRegistry>().Get<ControllerRegion>()
            .Ask<CurrentShardRegionState>(GetShardRegionState.Instance, TimeSpan.FromSeconds(5));
        Assert.DoesNotContain(controllers.Shards.SelectMany(s => s.EntityIds), id => id == controller);
    }

    [Fact]
    public async Task A_cabinet_must_name_a_registered_site()
    {
        var response = await _admin.Post("/api/v1/cabinets", new { id = Unique("cab"), siteId = Unique("nowhere"), controllerId = await Controller(), busAddress = 1, slotCount = 4 });

        await NamesField(response, "siteId");
    }

    [Theory]
    [InlineData("/api/v1/people/{person}/entitlements")]
    [InlineData("/api/v1/entitlement-groups/{group}")]
    public async Task Entitlements_must_name_registered_sites_and_cabinets(string route)
    {
        var (site, cabinet) = (await Site(), await Cabinet());
        var path = route.Replace("{person}", await Person()).Replace("{group}", Unique("group"));
        var entitlements = new object[]
        {
            new { group = "vans", siteId = site },
            new { group = "vans", siteId = Unique("nowhere") },
            new { group = "vans", cabinetId = Unique("nothing") },
            new { group = "vans", cabinetId = cabinet },
        };

        var response = await _admin.Put(path, entitlements);

        var problem = await response.Read<JsonElement>(HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors");
        Assert.Equal(["[1].siteId", "[2].cabinetId"], errors.EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("/api/v1/people/{person}/entitlements")]
    [InlineData("/api/v1/entitlement-groups/{group}")]
    public async Task A_list_of_entitlements_holds_at_most_1000(string route)
    {
        var path = route.Replace("{person}", await Person()).Replace("{group}", Unique("group"));
        var entitlements = Enumerable.Range(0, 1001).Select(i => new { group = $"g-{i}" }).ToArray();

        var response = await _admin.Put(path, entitlements);

        await NamesField(response, "body");
    }

    public static TheoryData<string, string, string, string> Texts => new()
    {
        { "POST", "/api/v1/people", """{"id":"{id}","name":"Pat\u0000rick","maxKeys":1}""", "name" },
        { "POST", "/api/v1/people", """{"id":"{id}","name":"Pat \u202Egnp.exe","maxKeys":1}""", "name" },
        { "POST", "/api/v1/people", """{"id":"{id}","name":"Pat\u0007","maxKeys":1}""", "name" },
        { "POST", "/api/v1/people", """{"id":"{id}","name":"Pat\u2066x\u2069","maxKeys":1}""", "name" },
        { "POST", "/api/v1/sites", """{"id":"{id}","name":"Depot\u0000","timeZone":"UTC"}""", "name" },
        { "POST", "/api/v1/sites", """{"id":"{id}","name":"Depot\u202E","timeZone":"UTC"}""", "name" },
        { "POST", "/api/v1/controllers", """{"id":"{id}","host":"10.0.0.1\u0000","port":4001}""", "host" },
        { "PUT", "/api/v1/cabinets/{cabinet}/slots/1/key", """{"keyId":"{id}","name":"Van\u202E","group":"vans","tagId":"{id}"}""", "name" },
        { "POST", "/api/v1/people/{person}/revoke", """{"status":"suspended","reason":"left\u0000"}""", "reason" },
    };

    [Theory]
    [MemberData(nameof(Texts))]
    public async Task Texts_refuse_control_characters_and_bidirectional_overrides(string method, string path, string json, string field)
    {
        path = path.Replace("{cabinet}", path.Contains("{cabinet}") ? await Cabinet() : "").Replace("{person}", path.Contains("{person}") ? await Person() : "");

        var response = await Send(method, path, json.Replace("{id}", Unique("x")));

        await NamesField(response, field);
    }

    [Theory]
    [InlineData("POST", "/api/v1/cabinets", """{"id":"{id}","siteId":"s","controllerId":"c","busAddress":1,"slotCount":"4"}""", "slotCount")]
    [InlineData("POST", "/api/v1/cabinets", """{"id":"{id}","siteId":"s","controllerId":"c","busAddress":"1","slotCount":4}""", "busAddress")]
    [InlineData("POST", "/api/v1/people", """{"id":"{id}","name":"Pat","maxKeys":"1"}""", "maxKeys")]
    [InlineData("POST", "/api/v1/controllers", """{"id":"{id}","host":"10.0.0.1","port":"4001"}""", "port")]
    public async Task Numbers_must_be_json_numbers_not_strings(string method, string path, string json, string field)
    {
        var response = await Send(method, path, json.Replace("{id}", Unique("x")));

        await NamesField(response, field);
    }

    [Theory]
    [InlineData("/api/v1/audit?persistenceId=person-a%00b", "persistenceId")]
    [InlineData("/api/v1/audit?persistenceId=person-%E2%80%AEa", "persistenceId")]
    [InlineData("/api/v1/people?status=%00", "status")]
    public async Task A_nul_or_a_control_character_in_a_query_argument_is_refused_naming_it(string path, string field)
    {
        var response = await _admin.GetAsync(path);

        await NamesField(response, field);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(3)]
    [InlineData(256)]
    [InlineData(99999)]
    public async Task A_slot_the_cabinet_does_not_have_answers_404_on_every_route_that_names_it(int slot)
    {
        var cabinet = await Cabinet(slots: 2);
        var person = await Person();

        var get = await _admin.GetAsync($"/api/v1/cabinets/{cabinet}/slots/{slot}");
        var put = await AssignKey(cabinet, slot, Unique("key"));
        var release = await fixture.Node.Client(NodeApp.OperatorKey)
            .Post($"/api/v1/cabinets/{cabinet}/slots/{slot}/remote-release", new { personId = person, reason = "left the badge at home" });

        foreach (var response in new[] { get, put, release })
            Assert.Equal("NotFound", (await response.Read<JsonElement>(HttpStatusCode.NotFound)).GetProperty("code").GetString());
    }
}
