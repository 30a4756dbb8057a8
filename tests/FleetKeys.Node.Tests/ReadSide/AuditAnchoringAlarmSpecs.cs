using System.Net;
using System.Text.Json;
using FleetKeys.Cluster.Projections;
using FleetKeys.Cluster.Projections.Rows;
using FleetKeys.Testing;
using LinqToDB;
using LinqToDB.Async;
using Microsoft.Extensions.Time.Testing;

namespace FleetKeys.Node.Tests.ReadSide;

/// <summary>A node whose anchor file lies on a volume that is not there yet: checkpoints pile up until it is.</summary>
public sealed class AuditAnchoringAlarmSpecs : IAsyncLifetime
{
    private readonly SqliteTestDatabase _database = new();
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private readonly string _volume = Path.Combine(Path.GetTempPath(), "fleetkeys-tests", $"anchor-{Guid.NewGuid():N}");
    private NodeApp _node = null!;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        _node = await NodeApp.StartAsync(_database.Settings, _clock,
            "--FleetKeys:Audit:AnchorFile", Path.Combine(_volume, "audit-anchor.jsonl"),
            "--FleetKeys:Audit:PollInterval", "00:00:00.2");
    }

    public async Task DisposeAsync()
    {
        await _node.DisposeAsync();
        await _database.DisposeAsync();
        if (Directory.Exists(_volume)) Directory.Delete(_volume, recursive: true);
    }

    private async Task<long> Alarms(string state) =>
        (await (await _node.Client().GetAsync($"/api/v1/alarms?state={state}&kind=auditAnchoringLapsed")).Read<JsonElement>(HttpStatusCode.OK))
        .GetProperty("total").GetInt64();

    [Fact]
    public async Task A_missing_anchor_raises_the_alarm_which_clears_when_anchoring_catches_up_and_the_anchored_heads_outlive_the_database()
    {
        var database = new ReadDatabase(_database.Settings);
        var (person, _) = await new Floor(_node, _clock).Person();
        await Eventually.Holds(async () =>
        {
            await using var db = database.Open();
            Assert.True(await db.GetTable<AuditCheckpointRow>().AnyAsync());
        });
        var onTime = await Alarms("active");

        _clock.Advance(TimeSpan.FromMinutes(16));
        await Eventually.Holds(async () => Assert.Equal(1, await Alarms("active")));
        Directory.CreateDirectory(_volume);
        await Eventually.Holds(async () => Assert.Equal(0, await Alarms("active")));
        var raisedOnce = await Alarms("all");
        var anchored = await (await _node.Client(NodeApp.AuditorKey).GetAsync("/api/v1/audit/verify")).Read<JsonElement>(HttpStatusCode.OK);

        // Anchored now: whoever deletes the database's checkpoints and rewrites the log still meets the anchored heads.
        await using (var db = database.Open()) await db.GetTable<AuditCheckpointRow>().DeleteAsync();
        await AuditForger.RaiseKeyLimitEverywhere(database, person, 5, 9);
        var verified = await (await _node.Client(NodeApp.AuditorKey).GetAsync("/api/v1/audit/verify")).Read<JsonElement>(HttpStatusCode.OK);

        Assert.Equal(0, onTime);
        Assert.Equal(1, raisedOnce);
        Assert.True(anchored.GetProperty("intact").GetBoolean(), anchored.ToString());
        Assert.True(anchored.GetProperty("covers").GetProperty("lastAnchored").GetProperty("number").GetInt64() >= 1, anchored.ToString());
        Assert.Equal("rewritten", verified.GetProperty("firstProblem").GetProperty("kind").GetString());
    }
}
