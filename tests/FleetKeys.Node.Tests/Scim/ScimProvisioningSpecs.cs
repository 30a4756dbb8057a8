using System.Net;
using System.Text.Json;
using FleetKeys.Testing;

namespace FleetKeys.Node.Tests.Scim;

/// <summary>
/// What SCIM does to people: a user is a person (same id) with the badge from its configured attribute and the union of
/// what its groups grant; deactivation, deletion and leaving the last entitling group revoke; undoing them reinstates,
/// but only a revocation SCIM made.
/// </summary>
public abstract class ScimProvisioningSpecs<TDatabase>(NodeFixture<TDatabase> fixture) : ScimSpecs<TDatabase>(fixture)
    where TDatabase : TestDatabase, new()
{
    private async Task<JsonElement> Person(string id) => await (await Admin.GetAsync($"/api/v1/people/{id}")).Read<JsonElement>(HttpStatusCode.OK);

    private async Task<(string Status, string? Reason)> Standing(string id)
    {
        var person = await Person(id);
        return (person.GetProperty("status").GetString()!, person.GetProperty("revocationReason").GetString());
    }

    private async Task<JsonElement> Map(string name, object grants)
    {
        await Places();
        return await (await Admin.Put($"/api/v1/entitlement-groups/{Uri.EscapeDataString(name)}", grants)).Read<JsonElement>(HttpStatusCode.OK);
    }

    /// <summary>The sites and the cabinet the mappings name: an entitlement may name only places that exist.</summary>
    private async Task Places()
    {
        foreach (var site in new[] { "hq", "depot" })
            if ((await Admin.GetAsync($"/api/v1/sites/{site}")).StatusCode == HttpStatusCode.NotFound)
                await (await Admin.Post("/api/v1/sites", new { id = site, name = site, timeZone = "Europe/Berlin" })).Read<JsonElement>(HttpStatusCode.Created);
        if ((await Admin.GetAsync("/api/v1/cabinets/lobby")).StatusCode != HttpStatusCode.NotFound) return;
        var (controller, busAddress) = await TestControllers.NextBusAddress(Admin);
        await (await Admin.Post("/api/v1/cabinets", new { id = "lobby", siteId = "hq", controllerId = controller, busAddress, slotCount = 4 }))
            .Read<JsonElement>(HttpStatusCode.Created);
    }

    private static readonly object[] Masters = [new { group = "masters", siteId = "hq" }];

    /// <summary>A SCIM group mapped to the masters at site hq, with a user in it.</summary>
    private async Task<(string User, string Group, string Name)> Entitled(string? badge = null)
    {
        var name = Unique("Mapped");
        await Map(name, Masters);
        var user = await Scim.CreateUser(ProviderRequests.EntraUser(Unique("u") + "@example.com", Unique("ext"), badge));
        var group = await Scim.CreateGroup(ProviderRequests.Group(name, user));
        return (user, group, name);
    }

    [Fact]
    public async Task A_user_becomes_a_person_with_its_badge_and_the_union_of_its_groups_grants()
    {
        var badge = Unique("B");
        var (user, _, masters) = await Entitled(badge);
        var byId = await Scim.CreateGroup(ProviderRequests.Group(Unique("ById"), user));
        var mappedById = await Map(byId, new[] { new { group = "general", cabinetId = "lobby", schedule = new[] { new { days = new[] { "monday" }, from = "07:00", to = "19:00" } } } });

        var person = await Person(user);
        var mastersView = await (await Admin.GetAsync($"/api/v1/entitlement-groups/{masters}")).Read<JsonElement>(HttpStatusCode.OK);

        Assert.Equal(user, person.GetProperty("id").GetString());
        Assert.Equal("Ada Lovelace", person.GetProperty("name").GetString());
        Assert.Equal("active", person.GetProperty("status").GetString());
        Assert.Equal([badge.ToUpperInvariant()], person.GetProperty("badges").EnumerateArray().Select(b => b.GetString()));
        Assert.Equal(["general", "masters"], person.GetProperty("entitlements").EnumerateArray().Select(e => e.GetProperty("group").GetString()).Order());
        Assert.Equal("monday", person.GetProperty("entitlements").EnumerateArray().Single(e => e.GetProperty("group").GetString() == "general")
            .GetProperty("schedule")[0].GetProperty("days")[0].GetString());
        Assert.Equal(byId, mappedById.GetProperty("scimGroups")[0].GetProperty("id").GetString());
        Assert.Equal(1, mastersView.GetProperty("scimGroups")[0].GetProperty("members").GetInt32());
        Assert.Equal("hq", mastersView.GetProperty("entitlements")[0].GetProperty("siteId").GetString());
    }

    [Fact]
    public async Task The_primary_email_and_the_enterprise_manager_become_the_persons_contact()
    {
        var (manager, _, _) = await Entitled();
        var (user, _, _) = await Entitled();
        var userName = (await Scim.Get($"/scim/v2/Users/{user}")).Expect(HttpStatusCode.OK).GetProperty("userName").GetString();

        // Entra sends the manager as a bare id; a second, non-primary address does not displace the primary one.
        (await Scim.Patch($"/scim/v2/Users/{user}", $$"""
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[
              {"op":"Add","path":"{{ProviderRequests.Enterprise}}:manager","value":"{{manager}}"},
              {"op":"Add","path":"emails[type eq \"home\"].value","value":"home@example.org"}]}
            """)).Expect(HttpStatusCode.OK);

        var person = await Person(user);
        Assert.Equal(userName, person.GetProperty("email").GetString());
        Assert.Equal(manager, person.GetProperty("managerId").GetString());

        (await Scim.Patch($"/scim/v2/Users/{user}", $$"""
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"remove","path":"{{ProviderRequests.Enterprise}}:manager"}]}
            """)).Expect(HttpStatusCode.OK);
        Assert.Equal(JsonValueKind.Null, (await Person(user)).GetProperty("managerId").ValueKind);
    }

    [Fact]
    public async Task Entra_and_okta_deactivations_revoke_and_their_reactivations_reinstate()
    {
        var (user, _, _) = await Entitled();

        (await Scim.Patch($"/scim/v2/Users/{user}", ProviderRequests.EntraDeactivate)).Expect(HttpStatusCode.OK);
        var afterEntra = await Standing(user);
        (await Scim.Patch($"/scim/v2/Users/{user}", ProviderRequests.EntraReactivate)).Expect(HttpStatusCode.OK);
        var reinstated = await Standing(user);
        (await Scim.Patch($"/scim/v2/Users/{user}", ProviderRequests.OktaDeactivate)).Expect(HttpStatusCode.OK);
        var afterOkta = await Standing(user);
        (await Scim.Patch($"/scim/v2/Users/{user}", ProviderRequests.OktaReactivate)).Expect(HttpStatusCode.OK);

        Assert.Equal("suspended", afterEntra.Status);
        Assert.StartsWith("SCIM: deactivated", afterEntra.Reason);
        Assert.Equal(("active", null), reinstated);
        Assert.Equal("suspended", afterOkta.Status);
        Assert.Equal(("active", null), await Standing(user));
    }

    [Fact]
    public async Task Leaving_the_last_entitling_group_revokes_and_rejoining_reinstates()
    {
        var (user, first, _) = await Entitled();
        var secondName = Unique("Second");
        await Map(secondName, Masters);
        var second = await Scim.CreateGroup(ProviderRequests.Group(secondName, user));
        // A group no entitlement group names grants nothing, so staying in it does not keep the person active.
        await Scim.CreateGroup(ProviderRequests.Group(Unique("Unmapped"), user));
        var newcomer = await Scim.CreateUser($$"""{"userName":"{{Unique("new")}}"}""");

        await Scim.Patch($"/scim/v2/Groups/{first}", ProviderRequests.EntraMembers("Remove", user));
        var inOne = await Standing(user);
        await Scim.Patch($"/scim/v2/Groups/{second}", ProviderRequests.OktaRemoveMember(user));
        var inNone = await Standing(user);
        await Scim.Patch($"/scim/v2/Groups/{second}", ProviderRequests.EntraMembers("Add", user));

        Assert.Equal("active", inOne.Status);
        Assert.Equal("suspended", inNone.Status);
        Assert.StartsWith("SCIM: not in any group", inNone.Reason);
        Assert.Equal(("active", null), await Standing(user));
        Assert.Equal("suspended", (await Standing(newcomer)).Status);
    }

    [Fact]
    public async Task Deleting_a_user_terminates_the_person_and_frees_its_badge()
    {
        var badge = Unique("B");
        var (user, group, _) = await Entitled(badge);

        Assert.Equal(HttpStatusCode.NoContent, (await Scim.Delete($"/scim/v2/Users/{user}")).Status);

        var (status, reason) = await Standing(user);
        var rehired = await Scim.Post("/scim/v2/Users", ProviderRequests.OktaUser(Unique("rehired") + "@example.com", badge));
        Assert.Equal("terminated", status);
        Assert.StartsWith("SCIM: deleted", reason);
        Assert.Empty((await Person(user)).GetProperty("badges").EnumerateArray());
        rehired.Expect(HttpStatusCode.Created);
        Assert.Empty((await Scim.Get($"/scim/v2/Groups/{group}")).Body.GetProperty("members").EnumerateArray());
    }

    [Fact]
    public async Task A_revocation_made_by_an_operator_is_never_lifted_by_scim_whatever_its_reason_says()
    {
        const string reason = "SCIM: lost badge";
        var (user, _, _) = await Entitled();
        await (await Node.Client(NodeApp.OperatorKey).Post($"/api/v1/people/{user}/revoke", new { status = "suspended", reason }))
            .Read<JsonElement>(HttpStatusCode.OK);

        await Scim.Patch($"/scim/v2/Users/{user}", ProviderRequests.OktaReactivate);
        var afterReactivation = await Standing(user);
        await Scim.Patch($"/scim/v2/Users/{user}", ProviderRequests.EntraDeactivate);
        await Scim.Patch($"/scim/v2/Users/{user}", ProviderRequests.EntraReactivate);

        Assert.Equal(("suspended", reason), afterReactivation);
        Assert.Equal(("suspended", reason), await Standing(user));
    }

    [Fact]
    public async Task Changing_renaming_or_deleting_a_mapping_recomputes_its_members()
    {
        var (user, group, name) = await Entitled();

        await Map(name, new[] { new { group = "vans", siteId = "depot" } });
        var remapped = await Person(user);
        await Scim.Patch($"/scim/v2/Groups/{group}", $$"""{"Operations":[{"op":"Replace","path":"displayName","value":"{{name}}-renamed"}]}""");
        var renamed = await Standing(user);
        await Scim.Patch($"/scim/v2/Groups/{group}", $$$"""{"Operations":[{"op":"replace","value":{"displayName":"{{{name}}}"}}]}""");
        var renamedBack = await Standing(user);
        var deleted = await Admin.DeleteAsync($"/api/v1/entitlement-groups/{name}");

        Assert.Equal("vans", remapped.GetProperty("entitlements").EnumerateArray().Single().GetProperty("group").GetString());
        Assert.Equal("suspended", renamed.Status);
        Assert.Equal("active", renamedBack.Status);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal("suspended", (await Standing(user)).Status);
        Assert.Empty((await Person(user)).GetProperty("entitlements").EnumerateArray());
        Assert.Equal(HttpStatusCode.NotFound, (await Admin.GetAsync($"/api/v1/entitlement-groups/{name}")).StatusCode);
    }

    [Fact]
    public async Task A_badge_that_a_person_outside_scim_holds_is_a_409_and_the_user_is_not_stored()
    {
        var badge = Unique("B");
        var holder = Unique("holder");
        await (await Admin.Post("/api/v1/people", new { id = holder, name = "Holder", maxKeys = 1 })).Read<JsonElement>(HttpStatusCode.Created);
        await (await Admin.Post($"/api/v1/people/{holder}/badges", new { badge })).Read<JsonElement>(HttpStatusCode.OK);
        var userName = Unique("second") + "@example.com";

        (await Scim.Post("/scim/v2/Users", ProviderRequests.OktaUser(userName, badge))).ExpectError(HttpStatusCode.Conflict, "uniqueness");
        (await Scim.Post("/scim/v2/Users", ProviderRequests.OktaUser(userName, "12 34"))).ExpectError(HttpStatusCode.BadRequest, "invalidValue");

        Assert.Empty(await Scim.Find("Users", $"userName eq \"{userName}\""));
    }

    private static string SetEmployeeNumber(string? number) => number is null
        ? $$"""{"Operations":[{"op":"Remove","path":"{{ProviderRequests.Enterprise}}:employeeNumber"}]}"""
        : $$"""{"Operations":[{"op":"Replace","path":"{{ProviderRequests.Enterprise}}:employeeNumber","value":"{{number}}"}]}""";

    private async Task<string[]> Badges(string person) =>
        [.. (await Person(person)).GetProperty("badges").EnumerateArray().Select(b => b.GetString()!)];

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_badge_moved_from_one_user_to_another_in_one_cycle_moves_in_either_order(bool giverFirst)
    {
        var badge = Unique("B");
        var (giver, _, _) = await Entitled(badge);
        var (taker, _, _) = await Entitled();

        var answers = giverFirst
            ? new[] { await Scim.Patch($"/scim/v2/Users/{giver}", SetEmployeeNumber(null)), await Scim.Patch($"/scim/v2/Users/{taker}", SetEmployeeNumber(badge)) }
            : [await Scim.Patch($"/scim/v2/Users/{taker}", SetEmployeeNumber(badge)), await Scim.Patch($"/scim/v2/Users/{giver}", SetEmployeeNumber(null))];
        // A later change to the giver that does not touch its employee number leaves the badge where it went.
        (await Scim.Patch($"/scim/v2/Users/{giver}", """{"Operations":[{"op":"Replace","path":"displayName","value":"Gave it away"}]}"""))
            .Expect(HttpStatusCode.OK);

        Assert.All(answers, a => a.Expect(HttpStatusCode.OK));
        Assert.Equal([badge.ToUpperInvariant()], await Badges(taker));
        Assert.Empty(await Badges(giver));
        Assert.False((await Scim.Get($"/scim/v2/Users/{giver}")).Body.GetProperty(ProviderRequests.Enterprise).TryGetProperty("employeeNumber", out _));
        Assert.Equal(taker, (await Scim.Find("Users", $"employeeNumber eq \"{badge}\"")).Single().GetProperty("id").GetString());
    }

    [Fact]
    public async Task A_rename_a_new_email_and_a_new_manager_reach_the_person_and_are_audited()
    {
        var (user, _, _) = await Entitled();
        var (manager, _, _) = await Entitled();

        (await Scim.Patch($"/scim/v2/Users/{user}", $$"""
            {"Operations":[
              {"op":"Replace","path":"displayName","value":"Ada King"},
              {"op":"Replace","path":"emails[type eq \"work\"].value","value":"ada.king@example.com"},
              {"op":"Replace","path":"{{ProviderRequests.Enterprise}}:manager","value":"{{manager}}"}]}
            """)).Expect(HttpStatusCode.OK);
        var person = await Person(user);
        (await Scim.Put($"/scim/v2/Users/{user}", ProviderRequests.EntraUser("ada.king@example.com", "ext-ada", displayName: "Ada, Countess of Lovelace")))
            .Expect(HttpStatusCode.OK);

        Assert.Equal(("Ada King", "ada.king@example.com", manager),
            (person.GetProperty("name").GetString(), person.GetProperty("email").GetString(), person.GetProperty("managerId").GetString()));
        Assert.Equal("Ada, Countess of Lovelace", (await Person(user)).GetProperty("name").GetString());
        await Eventually.Holds(async () =>
        {
            var audit = await Admin.GetStringAsync($"/api/v1/audit?persistenceId=person-{user}");
            // Audited, with the name sealed as the journal holds it (issue #23).
            Assert.Contains("person.renamed.v1", audit);
            Assert.DoesNotContain("Ada King", audit);
        }, TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task Retried_requests_leave_one_person_in_one_state()
    {
        var (user, group, _) = await Entitled();
        var body = ProviderRequests.EntraUser(Unique("retry") + "@example.com", Unique("ext"));
        var created = await Scim.CreateUser(body);

        var createdAgain = await Scim.Post("/scim/v2/Users", body);
        var deactivations = new[] { await Scim.Patch($"/scim/v2/Users/{user}", ProviderRequests.EntraDeactivate), await Scim.Patch($"/scim/v2/Users/{user}", ProviderRequests.EntraDeactivate) };
        var additions = new[] { await Scim.Patch($"/scim/v2/Groups/{group}", ProviderRequests.EntraMembers("Add", created)), await Scim.Patch($"/scim/v2/Groups/{group}", ProviderRequests.EntraMembers("Add", created)) };
        var deletions = new[] { await Scim.Delete($"/scim/v2/Users/{user}"), await Scim.Delete($"/scim/v2/Users/{user}") };

        createdAgain.ExpectError(HttpStatusCode.Conflict, "uniqueness");
        Assert.All(deactivations, d => d.Expect(HttpStatusCode.OK));
        Assert.All(additions, a => Assert.Equal(HttpStatusCode.NoContent, a.Status));
        Assert.Equal((HttpStatusCode.NoContent, HttpStatusCode.NotFound), (deletions[0].Status, deletions[1].Status));
        Assert.Equal("terminated", (await Standing(user)).Status);
        Assert.Equal(("active", null), await Standing(created));
        Assert.Equal([created], (await Scim.Get($"/scim/v2/Groups/{group}")).Body.GetProperty("members").EnumerateArray().Select(m => m.GetProperty("value").GetString()));
    }

    [Fact]
    public async Task Entitlement_groups_are_configured_by_admins_and_read_by_anyone()
    {
        var name = Unique("Config");

        var byOperator = await Node.Client(NodeApp.OperatorKey).Put($"/api/v1/entitlement-groups/{name}", Masters);
        var invalid = await Admin.Put($"/api/v1/entitlement-groups/{name}", new[] { new { group = "not a group!" } });
        await Map(name, Masters);
        var list = await (await Node.Client(NodeApp.AuditorKey).GetAsync("/api/v1/entitlement-groups")).Read<JsonElement>(HttpStatusCode.OK);

        Assert.Equal(HttpStatusCode.Forbidden, byOperator.StatusCode);
        Assert.Equal("must be 1-64 letters, digits, '.', '_', ':' or '-', starting with a letter or digit",
            (await invalid.Read<JsonElement>(HttpStatusCode.BadRequest)).GetProperty("errors").GetProperty("[0].group")[0].GetString());
        Assert.Contains(list.EnumerateArray(), g => g.GetProperty("name").GetString() == name);
    }
}

public sealed class SqliteScimProvisioningSpecs(NodeFixture<SqliteTestDatabase> fixture) : ScimProvisioningSpecs<SqliteTestDatabase>(fixture);

public sealed class PostgresScimProvisioningSpecs(NodeFixture<PostgresTestDatabase> fixture) : ScimProvisioningSpecs<PostgresTestDatabase>(fixture);
