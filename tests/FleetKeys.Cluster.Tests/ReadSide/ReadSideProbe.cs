using System.Text.Json;
using Akka.Actor;
using Akka.Persistence.Query;
using Akka.Persistence.Sql.Query;
using Akka.Streams;
using FleetKeys.Cluster.Persistence;
using FleetKeys.Cluster.Projections;
using FleetKeys.Cluster.Projections.Rows;
using FleetKeys.Cluster.Tests.Support;
using FleetKeys.Domain.ReadSide;
using LinqToDB;
using LinqToDB.Async;
using LinqToDB.Data;

namespace FleetKeys.Cluster.Tests.ReadSide;

/// <summary>Reads a node's read tables directly, and knows when every projection has reached the end of its stream.</summary>
public sealed class ReadSideProbe(TestNode node, PersistenceSettings persistence)
{
    public ReadDatabase Database { get; } = new(persistence);

    public async Task<List<T>> Rows<T>() where T : class
    {
        await Database.EnsureSchema();
        await using var db = Database.Open();
        return await db.GetTable<T>().ToListAsync();
    }

    public async Task<ProjectionStatuses> Statuses() =>
        await node.Ask<ProjectionStatuses>(node.Region<ProjectionSupervisorProxy>(), new GetProjectionStatus());

    /// <summary>
    /// Caught up: each tag's projection stands at the last event under its tag, and the audit log at the journal's end.
    /// Read from the journal itself (its table and the read journal's own tag query), so nothing here depends on the
    /// projections being right.
    /// </summary>
    public Task CaughtUp() => Testing.Eventually.Holds(async () =>
    {
        await using var db = Database.OpenJournal();
        var head = await db.ExecuteAsync<long?>("SELECT MAX(ordering) FROM journal") ?? 0;
        var expected = new Dictionary<string, long> { ["audit"] = head };
        var journal = PersistenceQuery.Get(node.System).ReadJournalFor<SqlReadJournal>(SqlReadJournal.Identifier);
        foreach (var tag in new[] { EventTagger.Sites, EventTagger.Controllers, EventTagger.Cabinets, EventTagger.Custody, EventTagger.People, EventTagger.Alarms })
            expected[tag] = await journal.CurrentEventsByTag(tag, Offset.NoOffset())
                .RunAggregate(0L, (last, e) => Math.Max(last, e.Ordering()), node.System.Materializer());
        expected["notifications"] = expected[EventTagger.Alarms];
        expected["discrepancies"] = expected[EventTagger.Cabinets];
        var actual = (await Statuses()).Projections.ToDictionary(p => p.Name, p => p.Offset);
        Assert.Equal(expected.OrderBy(e => e.Key), actual.OrderBy(e => e.Key));
    }, TimeSpan.FromSeconds(20));

    /// <summary>Every read table, each row as JSON in key order: what "identical tables" is compared on.</summary>
    public async Task<Dictionary<string, List<string>>> Snapshot() => new()
    {
        ["sites"] = Json(await Rows<SiteRow>(), r => r.SiteId),
        ["controllers"] = Json(await Rows<ControllerRow>(), r => r.ControllerId),
        ["cabinets"] = Json(await Rows<CabinetRow>(), r => r.CabinetId),
        ["custody"] = Json(await Rows<CustodyRow>(), r => r.SlotId),
        ["history"] = Json(await Rows<CustodyHistoryRow>(), r => r.Ordering.ToString("D20")),
        ["people"] = Json(await Rows<PersonRow>(), r => r.PersonId),
        ["alarms"] = Json(await Rows<AlarmRow>(), r => r.AlarmId.ToString("D20")),
        ["discrepancies"] = Json(await Rows<DiscrepancyRow>(), r => r.Ordering.ToString("D20")),
        ["audit"] = Json(await Rows<AuditRow>(), r => r.Seq.ToString("D20")),
        ["offsets"] = Json(await Rows<ProjectionOffsetRow>(), r => r.Name),
    };

    private static List<string> Json<T>(IEnumerable<T> rows, Func<T, string> key) =>
        [.. rows.OrderBy(key, StringComparer.Ordinal).Select(r => JsonSerializer.Serialize(r))];
}
