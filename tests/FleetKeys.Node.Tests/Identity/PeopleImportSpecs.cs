using System.Net;
using System.Text;
using System.Text.Json;
using FleetKeys.Testing;

namespace FleetKeys.Node.Tests.Identity;

/// <summary>Bulk import from CSV: every bad row reported by line, and nothing changed unless the whole file is clean.</summary>
public sealed class PeopleImportSpecs(NodeFixture<SqliteTestDatabase> fixture) : IClassFixture<NodeFixture<SqliteTestDatabase>>
{
    private readonly HttpClient _admin = fixture.Node.Client();

    private static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 13)];

    private Task<HttpResponseMessage> Import(string csv, bool dryRun = false, HttpClient? client = null, bool removeUnlisted = false) =>
        (client ?? _admin).PostAsync($"/api/v1/people/import?dryRun={dryRun.ToString().ToLowerInvariant()}{(removeUnlisted ? "&removeUnlisted=true" : "")}",
            new StringContent(csv, Encoding.UTF8, "text/csv"));

    private async Task<HttpStatusCode> Exists(string person) => (await _admin.GetAsync($"/api/v1/people/{person}")).StatusCode;

    [Fact]
    public async Task A_clean_file_creates_people_with_their_badges_and_key_groups()
    {
        var (ann, ben) = (Unique("ann"), Unique("ben"));
        var csv = $"""
            id,name,maxKeys,validFrom,validUntil,badges,keyGroups
            {ann},"Ann, Facilities",3,2026-01-01,,{Unique("b")};{Unique("b")},facilities;vans
            {ben},Ben,,,2027-12-31T18:00:00Z,{Unique("b")},
            """;

        var report = await (await Import(csv)).Read<JsonElement>(HttpStatusCode.OK);
        var annView = await (await _admin.GetAsync($"/api/v1/people/{ann}")).Read<JsonElement>(HttpStatusCode.OK);

        Assert.Equal(2, report.GetProperty("applied").GetInt32());
        Assert.Equal("Ann, Facilities", annView.GetProperty("name").GetString());
        Assert.Equal(3, annView.GetProperty("maxKeys").GetInt32());
        Assert.Equal(2, annView.GetProperty("badges").GetArrayLength());
        Assert.Equal(["facilities", "vans"], annView.GetProperty("entitlements").EnumerateArray().Select(e => e.GetProperty("group").GetString()));
        Assert.Equal(HttpStatusCode.OK, await Exists(ben));
    }

    [Fact]
    public async Task An_existing_person_takes_the_files_name_key_limit_and_validity()
    {
        var cat = Unique("cat");
        await (await _admin.Post("/api/v1/people", new { id = cat, name = "Cat", maxKeys = 1, validFrom = "2026-01-01T00:00:00Z" }))
            .Read<JsonElement>(HttpStatusCode.Created);
        var csv = $"""
            id,name,maxKeys,validFrom,validUntil,badges,keyGroups
            {cat},"Cat, Night Shift",4,,2028-06-30T00:00:00Z,,
            """;

        var report = await (await Import(csv)).Read<JsonElement>(HttpStatusCode.OK);
        var view = await (await _admin.GetAsync($"/api/v1/people/{cat}")).Read<JsonElement>(HttpStatusCode.OK);

        Assert.Equal(1, report.GetProperty("applied").GetInt32());
        Assert.Equal("Cat, Night Shift", view.GetProperty("name").GetString());
        Assert.Equal(4, view.GetProperty("maxKeys").GetInt32());
        Assert.Equal(JsonValueKind.Null, view.GetProperty("validFrom").ValueKind);
        Assert.Equal(new DateTimeOffset(2028, 6, 30, 0, 0, 0, TimeSpan.Zero), view.GetProperty("validUntil").GetDateTimeOffset());
    }

    [Fact]
    public async Task A_dry_run_reports_every_bad_row_by_line_and_changes_nothing()
    {
        var owner = Unique("own");
        var owned = Unique("b");
        await (await _admin.Post("/api/v1/people", new { id = owner, name = "Owner", maxKeys = 1 })).Read<JsonElement>(HttpStatusCode.Created);
        await (await _admin.Post($"/api/v1/people/{owner}/badges", new { badge = owned })).Read<JsonElement>(HttpStatusCode.OK);
        var (good, twin) = (Unique("ok"), Unique("tw"));
        var shared = Unique("b");
        var csv = $"""
            id,name,maxKeys,validFrom,validUntil,badges,keyGroups
            {good},Good,1,,,{Unique("b")},
            bad id,No,1,,,,
            {Unique("x")},,1,,,,
            {Unique("x")},Limits,many,,,,
            {Unique("x")},Dates,1,2027-01-01,2026-01-01,,
            {Unique("x")},Stolen,1,,,{owned},
            {twin},Twin,1,,,{shared},
            {Unique("x")},Sharer,1,,,{shared},
            {twin},Twin again,1,,,,
            """;

        var report = await (await Import(csv, dryRun: true)).Read<JsonElement>(HttpStatusCode.OK);
        var errors = report.GetProperty("errors").EnumerateArray()
            .Select(e => (e.GetProperty("line").GetInt32(), e.GetProperty("field").GetString())).ToList();

        Assert.Equal([(3, "id"), (4, "name"), (5, "maxKeys"), (6, "validUntil"), (7, "badges"), (9, "badges"), (10, "id")], errors);
        Assert.Equal(0, report.GetProperty("applied").GetInt32());
        Assert.Equal(HttpStatusCode.NotFound, await Exists(good));
    }

    [Fact]
    public async Task A_dry_run_answers_what_each_row_would_add_change_or_leave_and_changes_nothing()
    {
        var (dan, eve, fay) = (Unique("dan"), Unique("eve"), Unique("fay"));
        var (kept, added) = (Unique("b"), Unique("b"));
        var before = $"""
            id,name,maxKeys,validFrom,validUntil,badges,keyGroups
            {dan},Dan,1,,,{kept},general;spare
            {eve},Eve,2,,,,general
            """;
        await (await Import(before)).Read<JsonElement>(HttpStatusCode.OK);
        var csv = $"""
            id,name,maxKeys,validFrom,validUntil,badges,keyGroups
            {dan},Dan Day,1,,,{kept};{added},general;master
            {eve},Eve,2,,,,general
            {fay},Fay,1,,,{Unique("b")},general
            """;

        var report = await (await Import(csv, dryRun: true)).Read<JsonElement>(HttpStatusCode.OK);
        var changes = report.GetProperty("changes").EnumerateArray().ToList();
        static string[] Texts(JsonElement change, string property) =>
            [.. change.GetProperty(property).EnumerateArray().Select(e => e.GetString()!)];

        Assert.Equal([(2, dan, "changed"), (3, eve, "unchanged"), (4, fay, "added")],
            changes.Select(c => (c.GetProperty("line").GetInt32(), c.GetProperty("id").GetString(), c.GetProperty("change").GetString())));
        Assert.Equal(["name", "badges", "keyGroups"], Texts(changes[0], "fields"));
        // A badge number is kept in upper case, whatever case it arrives in.
        Assert.Equal([added.ToUpperInvariant()], Texts(changes[0], "badgesAdded"));
        Assert.Equal(["master"], Texts(changes[0], "keyGroupsAdded"));
        Assert.Equal(["spare"], Texts(changes[0], "keyGroupsRemoved"));
        Assert.Empty(Texts(changes[1], "fields"));
        Assert.Equal(["general"], Texts(changes[2], "keyGroupsAdded"));
        Assert.Equal(0, report.GetProperty("applied").GetInt32());
        Assert.Equal("Dan", (await (await _admin.GetAsync($"/api/v1/people/{dan}")).Read<JsonElement>(HttpStatusCode.OK)).GetProperty("name").GetString());
        Assert.Equal(HttpStatusCode.NotFound, await Exists(fay));
    }

    [Fact]
    public async Task Asked_to_remove_what_the_file_no_longer_lists_an_import_revokes_and_frees_the_badges_a_row_leaves_out()
    {
        var (gil, hal) = (Unique("gil"), Unique("hal"));
        var (kept, dropped) = (Unique("b").ToUpperInvariant(), Unique("b").ToUpperInvariant());
        await (await Import($"id,name,badges\n{gil},Gil,{kept};{dropped}\n")).Read<JsonElement>(HttpStatusCode.OK);
        var csv = $"id,name,badges\n{gil},Gil,{kept}\n";

        var plain = await (await Import(csv, dryRun: true)).Read<JsonElement>(HttpStatusCode.OK);
        var asked = await (await Import(csv, dryRun: true, removeUnlisted: true)).Read<JsonElement>(HttpStatusCode.OK);
        await (await Import(csv)).Read<JsonElement>(HttpStatusCode.OK);
        var keptAll = await Badges(gil);
        await (await Import(csv, removeUnlisted: true)).Read<JsonElement>(HttpStatusCode.OK);

        Assert.Equal("unchanged", plain.GetProperty("changes")[0].GetProperty("change").GetString());
        Assert.Equal([dropped], asked.GetProperty("changes")[0].GetProperty("badgesRemoved").EnumerateArray().Select(b => b.GetString()));
        Assert.Equal(["badges"], asked.GetProperty("changes")[0].GetProperty("fields").EnumerateArray().Select(f => f.GetString()));
        Assert.Equal(new[] { kept, dropped }.Order(), keptAll.Order());
        Assert.Equal([kept], await Badges(gil));
        // Freed: the number can go to someone else.
        await (await Import($"id,name,badges\n{hal},Hal,{dropped}\n")).Read<JsonElement>(HttpStatusCode.OK);
        Assert.Equal([dropped], await Badges(hal));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Asked_to_remove_what_the_file_no_longer_lists_one_import_moves_a_badge_between_two_of_its_people_in_either_order(
        bool holderFirst)
    {
        var (ida, joe) = (Unique("ida"), Unique("joe"));
        var (moving, staying) = (Unique("b").ToUpperInvariant(), Unique("b").ToUpperInvariant());
        await (await Import($"id,name,badges\n{ida},Ida,{moving};{staying}\n{joe},Joe,\n")).Read<JsonElement>(HttpStatusCode.OK);
        var (holderRow, takerRow) = ($"{ida},Ida,{staying}", $"{joe},Joe,{moving}");
        var csv = holderFirst ? $"id,name,badges\n{holderRow}\n{takerRow}\n" : $"id,name,badges\n{takerRow}\n{holderRow}\n";

        var dry = await (await Import(csv, dryRun: true, removeUnlisted: true)).Read<JsonElement>(HttpStatusCode.OK);
        var report = await (await Import(csv, removeUnlisted: true)).Read<JsonElement>(HttpStatusCode.OK);

        Assert.Empty(dry.GetProperty("errors").EnumerateArray());
        var changes = dry.GetProperty("changes").EnumerateArray().ToDictionary(c => c.GetProperty("id").GetString()!);
        Assert.Equal([moving], changes[ida].GetProperty("badgesRemoved").EnumerateArray().Select(b => b.GetString()));
        Assert.Equal([moving], changes[joe].GetProperty("badgesAdded").EnumerateArray().Select(b => b.GetString()));
        Assert.Equal(2, report.GetProperty("applied").GetInt32());
        Assert.Equal([staying], await Badges(ida));
        Assert.Equal([moving], await Badges(joe));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Without_removing_what_the_file_no_longer_lists_a_badge_its_holder_still_has_is_refused_naming_line_field_and_holder(
        bool holderFirst)
    {
        var (kim, lou) = (Unique("kim"), Unique("lou"));
        var moving = Unique("b").ToUpperInvariant();
        await (await Import($"id,name,badges\n{kim},Kim,{moving}\n")).Read<JsonElement>(HttpStatusCode.OK);
        var (holderRow, takerRow) = ($"{kim},Kim,", $"{lou},Lou,{moving}");
        var csv = holderFirst ? $"id,name,badges\n{holderRow}\n{takerRow}\n" : $"id,name,badges\n{takerRow}\n{holderRow}\n";

        var report = await (await Import(csv)).Read<JsonElement>((HttpStatusCode)422);

        var error = Assert.Single(report.GetProperty("errors").EnumerateArray());
        Assert.Equal((holderFirst ? 3 : 2, "badges"), (error.GetProperty("line").GetInt32(), error.GetProperty("field").GetString()));
        Assert.Contains(kim, error.GetProperty("message").GetString());
        Assert.Equal([moving], await Badges(kim));
        Assert.Equal(HttpStatusCode.NotFound, await Exists(lou));
    }

    [Fact]
    public async Task A_badge_moves_only_from_a_holder_the_file_names()
    {
        var (max, ned) = (Unique("max"), Unique("ned"));
        var held = Unique("b").ToUpperInvariant();
        await (await Import($"id,name,badges\n{max},Max,{held}\n")).Read<JsonElement>(HttpStatusCode.OK);

        var report = await (await Import($"id,name,badges\n{ned},Ned,{held}\n", removeUnlisted: true)).Read<JsonElement>((HttpStatusCode)422);

        var error = Assert.Single(report.GetProperty("errors").EnumerateArray());
        Assert.Equal((2, "badges"), (error.GetProperty("line").GetInt32(), error.GetProperty("field").GetString()));
        Assert.Contains(max, error.GetProperty("message").GetString());
        Assert.Equal([held], await Badges(max));
        Assert.Equal(HttpStatusCode.NotFound, await Exists(ned));
    }

    private async Task<string[]> Badges(string person) =>
        [.. (await (await _admin.GetAsync($"/api/v1/people/{person}")).Read<JsonElement>(HttpStatusCode.OK)).GetProperty("badges").EnumerateArray()
            .Select(b => b.GetString()!)];

    [Fact]
    public async Task A_real_import_with_one_bad_row_changes_nothing()
    {
        var good = Unique("ok");
        var csv = $"""
            id,name
            {good},Good
            {Unique("x")},
            """;

        var report = await (await Import(csv)).Read<JsonElement>((HttpStatusCode)422);

        Assert.Equal(3, report.GetProperty("errors")[0].GetProperty("line").GetInt32());
        Assert.Equal(HttpStatusCode.NotFound, await Exists(good));
    }

    [Fact]
    public async Task A_file_without_the_required_columns_or_with_broken_quoting_is_refused_whole()
    {
        var missing = await (await Import("id,maxKeys\nx,1\n", dryRun: true)).Read<JsonElement>(HttpStatusCode.OK);
        var broken = await (await Import("id,name\n\"x,Unclosed\n", dryRun: true)).Read<JsonElement>(HttpStatusCode.OK);

        Assert.Equal("name", missing.GetProperty("errors")[0].GetProperty("field").GetString());
        Assert.Equal("file", broken.GetProperty("errors")[0].GetProperty("field").GetString());
    }

    [Fact]
    public async Task Only_admins_import()
    {
        var response = await Import("id,name\nx,X\n", client: fixture.Node.Client(NodeApp.OperatorKey));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}
