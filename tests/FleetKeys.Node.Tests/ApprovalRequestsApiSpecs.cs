using System.Net;
using System.Text.Json;
using FleetKeys.Testing;

namespace FleetKeys.Node.Tests;

/// <summary>Approval requests over HTTP: operators file and decide, anyone reads; fields named, unknown ids 404, a second decision 409.</summary>
public abstract class ApprovalRequestsApiSpecs<TDatabase>(NodeFixture<TDatabase> fixture) : IClassFixture<NodeFixture<TDatabase>>
    where TDatabase : TestDatabase, new()
{
    private readonly HttpClient _admin = fixture.Node.Client();
    private readonly HttpClient _operator = fixture.Node.Client(NodeApp.OperatorKey);
    private readonly HttpClient _auditor = fixture.Node.Client(NodeApp.AuditorKey);

    private static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 13)];

    /// <summary>A cabinet whose slot 1 holds a key approved by the named person within 10 minutes, valid for 20.</summary>
    private async Task<(string Cabinet, string Person)> KeyNeedingApproval()
    {
        var site = Unique("site");
        await (await _admin.Post("/api/v1/sites", new { id = site, name = "Depot", timeZone = "Europe/Berlin" })).Read<JsonElement>(HttpStatusCode.Created);
        var cabinet = Unique("cab");
        var (controller, busAddress) = await TestControllers.NextBusAddress(_admin);
        await (await _admin.Post("/api/v1/cabinets", new { id = cabinet, siteId = site, controllerId = controller, busAddress, slotCount = 2 }))
            .Read<JsonElement>(HttpStatusCode.Created);
        var person = Unique("p");
        var approver = Unique("boss");
        foreach (var id in new[] { person, approver })
            await (await _admin.Post("/api/v1/people", new { id, name = "Pat", maxKeys = 2 })).Read<JsonElement>(HttpStatusCode.Created);
        await (await _admin.Put($"/api/v1/people/{person}/entitlements", new[] { new { group = "vault" } })).Read<JsonElement>(HttpStatusCode.OK);
        var key = await (await _admin.Put($"/api/v1/cabinets/{cabinet}/slots/1/key", new
        {
            keyId = $"k-{cabinet}", name = "Vault", group = "vault", tagId = $"t-{cabinet}", approvalBy = "person", approverId = approver,
            approvalWindowMinutes = 10, approvalValidMinutes = 20,
        })).Read<JsonElement>(HttpStatusCode.OK);
        var approval = key.GetProperty("key").GetProperty("approval");
        Assert.Equal(("person", approver, 10, 20), (approval.GetProperty("by").GetString(), approval.GetProperty("approverId").GetString(),
            approval.GetProperty("windowMinutes").GetInt32(), approval.GetProperty("validMinutes").GetInt32()));
        return (cabinet, person);
    }

    [Fact]
    public async Task An_operator_files_a_request_and_the_approver_decides_it_once()
    {
        var (cabinet, person) = await KeyNeedingApproval();
        var filed = await (await _operator.Post("/api/v1/approval-requests", new { cabinetId = cabinet, slot = 1, personId = person, reason = "audit" }))
            .Read<JsonElement>(HttpStatusCode.Created);
        var id = filed.GetProperty("id").GetString()!;
        Assert.Equal(("pending", person, "audit", "person"), (filed.GetProperty("status").GetString(), filed.GetProperty("personId").GetString(),
            filed.GetProperty("reason").GetString(), filed.GetProperty("approver").GetString()));
        await (await _operator.Post("/api/v1/approval-requests", new { cabinetId = cabinet, slot = 1, personId = person }))
            .Read<JsonElement>(HttpStatusCode.Conflict);

        var approved = await (await _operator.Post($"/api/v1/approval-requests/{id}/approve", new { note = "go ahead" })).Read<JsonElement>(HttpStatusCode.OK);
        Assert.Equal("approved", approved.GetProperty("status").GetString());
        Assert.True(approved.GetProperty("validUntil").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddMinutes(19));
        var again = await (await _operator.Post($"/api/v1/approval-requests/{id}/refuse", new { })).Read<JsonElement>(HttpStatusCode.Conflict);
        Assert.Equal("Conflict", again.GetProperty("code").GetString());

        await Eventually.Holds(async () =>
        {
            var read = await (await _auditor.GetAsync($"/api/v1/approval-requests/{id}")).Read<JsonElement>(HttpStatusCode.OK);
            Assert.Equal(("approved", "go ahead", $"k-{cabinet}"), (read.GetProperty("status").GetString(), read.GetProperty("note").GetString(),
                read.GetProperty("keyId").GetString()));
        });
        var listed = await (await _auditor.GetAsync($"/api/v1/approval-requests?personId={person}&status=approved")).Read<JsonElement>(HttpStatusCode.OK);
        Assert.Equal(id, listed.GetProperty("items")[0].GetProperty("id").GetString());
        var none = await (await _auditor.GetAsync($"/api/v1/approval-requests?personId={person}&status=pending")).Read<JsonElement>(HttpStatusCode.OK);
        Assert.Equal(0, none.GetProperty("total").GetInt64());
    }

    [Fact]
    public async Task A_refused_request_is_recorded_and_cannot_be_approved_after()
    {
        var (cabinet, person) = await KeyNeedingApproval();
        var id = (await (await _operator.Post("/api/v1/approval-requests", new { cabinetId = cabinet, slot = 1, personId = person }))
            .Read<JsonElement>(HttpStatusCode.Created)).GetProperty("id").GetString()!;

        var refused = await (await _operator.Post($"/api/v1/approval-requests/{id}/refuse", new { note = "not tonight" })).Read<JsonElement>(HttpStatusCode.OK);
        Assert.Equal(("refused", "ops"), (refused.GetProperty("status").GetString(), refused.GetProperty("decidedBy").GetString()));
        await (await _operator.Post($"/api/v1/approval-requests/{id}/approve", new { })).Read<JsonElement>(HttpStatusCode.Conflict);
        await Eventually.Holds(async () => Assert.Equal("refused",
            (await (await _auditor.GetAsync($"/api/v1/approval-requests/{id}")).Read<JsonElement>(HttpStatusCode.OK)).GetProperty("status").GetString()));
    }

    [Fact]
    public async Task Only_operators_file_and_decide()
    {
        var (cabinet, person) = await KeyNeedingApproval();
        Assert.Equal(HttpStatusCode.Forbidden,
            (await _auditor.Post("/api/v1/approval-requests", new { cabinetId = cabinet, slot = 1, personId = person })).StatusCode);
        var id = (await (await _operator.Post("/api/v1/approval-requests", new { cabinetId = cabinet, slot = 1, personId = person }))
            .Read<JsonElement>(HttpStatusCode.Created)).GetProperty("id").GetString()!;
        Assert.Equal(HttpStatusCode.Forbidden, (await _auditor.Post($"/api/v1/approval-requests/{id}/approve", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await fixture.Node.Client(null).GetAsync("/api/v1/approval-requests")).StatusCode);
    }

    [Theory]
    [InlineData("""{"slot":1,"personId":"p"}""", "cabinetId")]
    [InlineData("""{"cabinetId":"c","slot":0,"personId":"p"}""", "slot")]
    [InlineData("""{"cabinetId":"c","slot":1}""", "personId")]
    public async Task A_malformed_request_is_a_400_naming_the_field(string body, string field)
    {
        var response = await _operator.PostAsync("/api/v1/approval-requests", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        var problem = await response.Read<JsonElement>(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"expected {field} in {problem}");
    }

    [Fact]
    public async Task Bad_fields_and_unknown_ids_are_named()
    {
        var (cabinet, person) = await KeyNeedingApproval();
        var longReason = await (await _operator.Post("/api/v1/approval-requests", new { cabinetId = cabinet, slot = 1, personId = person, reason = new string('x', 201) }))
            .Read<JsonElement>(HttpStatusCode.BadRequest);
        Assert.True(longReason.GetProperty("errors").TryGetProperty("reason", out _));
        var nobody = await (await _operator.Post("/api/v1/approval-requests", new { cabinetId = cabinet, slot = 1, personId = "nobody" }))
            .Read<JsonElement>(HttpStatusCode.BadRequest);
        Assert.True(nobody.GetProperty("errors").TryGetProperty("personId", out _));
        var approver = Unique("p");
        await (await _admin.Post("/api/v1/people", new { id = approver, name = "Vic", maxKeys = 2 })).Read<JsonElement>(HttpStatusCode.Created);
        var notEntitled = await (await _operator.Post("/api/v1/approval-requests", new { cabinetId = cabinet, slot = 1, personId = approver }))
            .Read<JsonElement>(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("NotEntitled", notEntitled.GetProperty("code").GetString());
        Assert.Contains("not entitled to the key", notEntitled.GetProperty("errors").GetProperty("personId")[0].GetString());
        var noRule = await (await _operator.Post("/api/v1/approval-requests", new { cabinetId = cabinet, slot = 2, personId = person }))
            .Read<JsonElement>(HttpStatusCode.NotFound); // slot 2 has no key
        Assert.Equal("NotFound", noRule.GetProperty("code").GetString());
        var badKey = await (await _admin.Put($"/api/v1/cabinets/{cabinet}/slots/2/key", new { keyId = "k2", name = "n", group = "g", tagId = "t2", approvalBy = "person" }))
            .Read<JsonElement>(HttpStatusCode.BadRequest);
        Assert.True(badKey.GetProperty("errors").TryGetProperty("approverId", out _));
        var longWindow = await (await _admin.Put($"/api/v1/cabinets/{cabinet}/slots/2/key", new { keyId = "k2", name = "n", group = "g", tagId = "t2", approvalBy = "manager", approvalWindowMinutes = 24 * 60 + 1 }))
            .Read<JsonElement>(HttpStatusCode.BadRequest);
        Assert.True(longWindow.GetProperty("errors").TryGetProperty("approvalWindowMinutes", out _));

        var unknown = $"{cabinet}~1~{Guid.NewGuid():N}";
        foreach (var path in new[] { $"/api/v1/approval-requests/{unknown}", "/api/v1/approval-requests/not-an-id" })
            Assert.Equal("NotFound", (await (await _auditor.GetAsync(path)).Read<JsonElement>(HttpStatusCode.NotFound)).GetProperty("code").GetString());
        await (await _operator.Post($"/api/v1/approval-requests/{unknown}/approve", new { })).Read<JsonElement>(HttpStatusCode.NotFound);
        await (await _operator.Post($"/api/v1/approval-requests/nowhere~1~{Guid.NewGuid():N}/refuse", new { })).Read<JsonElement>(HttpStatusCode.NotFound);
        await (await _operator.Post("/api/v1/approval-requests/not-an-id/approve", new { })).Read<JsonElement>(HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.NotFound, (await _auditor.GetAsync($"/api/v1/approval-requests/nowhere~1~{Guid.NewGuid():N}")).StatusCode);
    }
}

public sealed class SqliteApprovalRequestsApiSpecs(NodeFixture<SqliteTestDatabase> fixture) : ApprovalRequestsApiSpecs<SqliteTestDatabase>(fixture);

public sealed class PostgresApprovalRequestsApiSpecs(NodeFixture<PostgresTestDatabase> fixture) : ApprovalRequestsApiSpecs<PostgresTestDatabase>(fixture);
