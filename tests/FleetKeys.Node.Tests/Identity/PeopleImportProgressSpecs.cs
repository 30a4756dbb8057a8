using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using FleetKeys.Testing;

namespace FleetKeys.Node.Tests.Identity;

/// <summary>
/// A large import read row by row from the file (never held parsed), and an import run in the background that answers
/// where it stands: rows checked, applied and in all, then its result.
/// On a node of its own: the import folder it watches holds no one else's import.
/// </summary>
public sealed class PeopleImportProgressSpecs(OwnNodeFixture<SqliteTestDatabase> fixture) : IClassFixture<OwnNodeFixture<SqliteTestDatabase>>
{
    private readonly HttpClient _admin = fixture.Node.Client();

    /// <summary>Enough rows for the import to be seen part-way; each row is a few journal writes, about 100 rows a second here.</summary>
    private const int Count = 200;

    private static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 13)];

    private Task<HttpResponseMessage> Import(string csv, string query, HttpClient? client = null) =>
        (client ?? _admin).PostAsync($"/api/v1/people/import?{query}", new StringContent(csv, Encoding.UTF8, "text/csv"));

    private static string People(string prefix, int count, bool badges = true)
    {
        var csv = new StringBuilder("id,name,maxKeys,badges,keyGroups\n");
        for (var i = 0; i < count; i++) csv.Append(CultureInfo.InvariantCulture, $"{prefix}-{i},Person {i},1,{(badges ? $"{prefix}-b{i}" : "")},general\n");
        return csv.ToString();
    }

    /// <summary>Polls the import's status until it has finished, keeping every status seen on the way.</summary>
    private async Task<List<JsonElement>> Follow(Uri location, TimeSpan within)
    {
        var seen = new List<JsonElement>();
        await Eventually.Holds(async () =>
        {
            seen.Add(await (await _admin.GetAsync(location)).Read<JsonElement>(HttpStatusCode.OK));
            Assert.DoesNotContain(seen[^1].GetProperty("state").GetString(), new[] { "checking", "applying" });
        }, within);
        return seen;
    }

    /// <summary>The sum of a counter's series with the given labels in Prometheus's text format.</summary>
    private async Task<double> Counted(string name, string labels)
    {
        var metrics = await _admin.GetStringAsync("/metrics");
        return metrics.Split('\n').Where(l => l.StartsWith(name + "{", StringComparison.Ordinal) && l.Contains(labels, StringComparison.Ordinal))
            .Sum(l => double.Parse(l[(l.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task A_file_of_20000_rows_is_checked_to_its_end_and_one_bad_row_there_changes_nothing()
    {
        var prefix = Unique("big");
        var csv = People(prefix, 20_000, badges: false) + "bad id,Last,1,,general\n";
        var clock = Stopwatch.StartNew();

        var report = await (await Import(csv, "")).Read<JsonElement>((HttpStatusCode)422);

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"took {clock.Elapsed}");
        Assert.Equal(20_001, report.GetProperty("rows").GetInt32());
        var error = Assert.Single(report.GetProperty("errors").EnumerateArray());
        Assert.Equal((20_002, "id"), (error.GetProperty("line").GetInt32(), error.GetProperty("field").GetString()));
        Assert.Equal(HttpStatusCode.NotFound, (await _admin.GetAsync($"/api/v1/people/{prefix}-0")).StatusCode);
    }

    [Fact]
    public async Task An_import_in_the_background_shows_the_rows_checked_and_applied_on_the_way_and_then_its_result()
    {
        var prefix = Unique("bg");
        var csv = People(prefix, Count);
        var appliedBefore = await Counted("fleetkeys_import_rows_total", "stage=\"applied\"");

        var accepted = await Import(csv, "async=true");
        var started = await accepted.Read<JsonElement>(HttpStatusCode.Accepted);
        var seen = await Follow(accepted.Headers.Location!, TimeSpan.FromMinutes(1));

        var done = seen[^1];
        Assert.Equal(started.GetProperty("id").GetString(), done.GetProperty("id").GetString());
        Assert.Equal(("applied", Count, Count, Count), (done.GetProperty("state").GetString(), done.GetProperty("checked").GetInt32(),
            done.GetProperty("applied").GetInt32(), done.GetProperty("total").GetInt32()));
        Assert.Equal(Count, done.GetProperty("result").GetProperty("applied").GetInt32());
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(csv))), done.GetProperty("result").GetProperty("sha256").GetString());
        // Seen on the way: rows applied while others were still to come.
        Assert.Contains(seen, s => s.GetProperty("state").GetString() == "applying" && s.GetProperty("applied").GetInt32() is > 0 and < Count);
        Assert.True(await Counted("fleetkeys_import_rows_total", "stage=\"applied\"") - appliedBefore >= Count);
        foreach (var i in new[] { 0, Count - 1 })
        {
            var person = await (await _admin.GetAsync($"/api/v1/people/{prefix}-{i}")).Read<JsonElement>(HttpStatusCode.OK);
            Assert.Equal([$"{prefix}-b{i}".ToUpperInvariant()], person.GetProperty("badges").EnumerateArray().Select(b => b.GetString()));
        }
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task The_file_being_imported_is_kept_private_in_the_data_folder_and_deleted_when_the_import_ends()
    {
        var imports = Path.Combine(fixture.Database.Settings.DataFolder, "imports");

        var accepted = await Import(People(Unique("tmp"), Count), "async=true");
        await accepted.Read<JsonElement>(HttpStatusCode.Accepted);
        var whileImporting = Directory.GetFiles(imports).Select(File.GetUnixFileMode).ToList();
        await Follow(accepted.Headers.Location!, TimeSpan.FromMinutes(1));

        Assert.Equal([UnixFileMode.UserRead | UnixFileMode.UserWrite], whileImporting);
        await Eventually.Holds(() => Assert.Empty(Directory.GetFiles(imports)), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void A_file_left_by_a_node_stopped_mid_import_is_deleted_when_the_imports_folder_is_prepared_at_start()
    {
        var data = Directory.CreateTempSubdirectory("fleetkeys-import-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(data, "imports"));
            File.WriteAllText(Path.Combine(data, "imports", "left.csv"), "id,name\nx,X\n");

            var folder = FleetKeys.Api.Import.ImportFile.PrepareFolder(data);

            Assert.Empty(Directory.GetFiles(folder));
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    [Fact]
    public async Task A_dry_run_of_a_large_file_answers_every_rows_change_in_order_and_changes_nothing()
    {
        var prefix = Unique("dry");

        var report = await (await Import(People(prefix, 1_000, badges: false), "dryRun=true")).Read<JsonElement>(HttpStatusCode.OK);

        var changes = report.GetProperty("changes").EnumerateArray().ToList();
        Assert.Equal(Enumerable.Range(2, 1_000), changes.Select(c => c.GetProperty("line").GetInt32()));
        Assert.All(changes, c => Assert.Equal("added", c.GetProperty("change").GetString()));
        Assert.Equal(HttpStatusCode.NotFound, (await _admin.GetAsync($"/api/v1/people/{prefix}-0")).StatusCode);
    }

    [Fact]
    public async Task A_background_import_of_a_file_with_an_error_is_refused_and_changes_nothing()
    {
        var good = Unique("ok");

        var accepted = await Import($"id,name\n{good},Good\nbad id,Bad\n", "async=true");
        await accepted.Read<JsonElement>(HttpStatusCode.Accepted);
        var done = (await Follow(accepted.Headers.Location!, TimeSpan.FromSeconds(30)))[^1];

        Assert.Equal("refused", done.GetProperty("state").GetString());
        Assert.Equal(3, done.GetProperty("result").GetProperty("errors")[0].GetProperty("line").GetInt32());
        Assert.Equal(0, done.GetProperty("applied").GetInt32());
        Assert.Equal(HttpStatusCode.NotFound, (await _admin.GetAsync($"/api/v1/people/{good}")).StatusCode);
    }

    [Fact]
    public async Task An_import_nobody_started_is_not_found_and_only_admins_read_imports()
    {
        var accepted = await Import($"id,name\n{Unique("p")},P\n", "async=true");
        await accepted.Read<JsonElement>(HttpStatusCode.Accepted);

        var unknown = await _admin.GetAsync($"/api/v1/people/imports/{Guid.NewGuid():N}");
        var byOperator = await fixture.Node.Client(NodeApp.OperatorKey).GetAsync(accepted.Headers.Location!);
        var startedByOperator = await Import($"id,name\n{Unique("p")},P\n", "async=true", fixture.Node.Client(NodeApp.OperatorKey));

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, byOperator.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, startedByOperator.StatusCode);
    }

    [Fact]
    public async Task A_dry_run_is_not_run_in_the_background()
    {
        var problem = await (await Import($"id,name\n{Unique("p")},P\n", "dryRun=true&async=true")).Read<JsonElement>(HttpStatusCode.BadRequest);

        Assert.True(problem.GetProperty("errors").TryGetProperty("async", out _), problem.ToString());
    }
}
