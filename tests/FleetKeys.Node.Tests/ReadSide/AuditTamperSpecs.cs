using System.Net;
using System.Text.Json;
using FleetKeys.Cluster.Projections;
using FleetKeys.Cluster.Projections.Audit;
using FleetKeys.Cluster.Projections.Rows;
using FleetKeys.Testing;
using LinqToDB;
using LinqToDB.Async;

namespace FleetKeys.Node.Tests.ReadSide;

/// <summary>Someone with write access to the database alters, deletes or slips in an audit row: verification names the row.</summary>
public abstract class AuditTamperSpecs<TDatabase>(ClockedNodeFixture<TDatabase> fixture) : IClassFixture<ClockedNodeFixture<TDatabase>>
    where TDatabase : TestDatabase, new()
{
    private readonly ReadDatabase _database = new(fixture.Database.Settings);

    private async Task<JsonElement> Verify() =>
        await (await fixture.Node.Client(NodeApp.AuditorKey).GetAsync("/api/v1/audit/verify")).Read<JsonElement>(HttpStatusCode.OK);

    private static (string Kind, long Seq) Problem(JsonElement verification) =>
        (verification.GetProperty("firstProblem").GetProperty("kind").GetString()!, verification.GetProperty("firstProblem").GetProperty("seq").GetInt64());

    private async Task Tamper(Func<ITable<AuditRow>, Task> change)
    {
        await using var db = _database.Open();
        await change(db.GetTable<AuditRow>());
    }

    [Fact]
    public async Task Verification_names_the_first_altered_deleted_or_inserted_row()
    {
        var floor = fixture.Floor;
        var cabinet = await floor.Cabinet();
        var (_, badge) = await floor.Person();
        await floor.Take(cabinet, badge, 1);
        await floor.Return(cabinet, badge, 1);
        await Eventually.Holds(async () => Assert.True((await floor.Get($"/api/v1/history?cabinetId={cabinet}")).GetProperty("total").GetInt64() == 3));
        await Eventually.Holds(async () =>
        {
            var intact = await Verify();
            Assert.True(intact.GetProperty("intact").GetBoolean(), intact.ToString());
            Assert.True(intact.GetProperty("rowsChecked").GetInt64() >= 10);
        });
        await using var db = _database.Open();
        var rows = await db.GetTable<AuditRow>().OrderBy(r => r.Seq).ToListAsync();
        var victim = rows[4];

        await Tamper(t => t.Where(r => r.Seq == victim.Seq).Set(r => r.Payload, victim.Payload.Replace(":", ": ")).UpdateAsync());
        var altered = await Verify();
        await Tamper(t => t.Where(r => r.Seq == victim.Seq).Set(r => r.Payload, victim.Payload).UpdateAsync());

        await Tamper(t => t.Where(r => r.Seq == victim.Seq).DeleteAsync());
        var deleted = await Verify();
        await db.InsertAsync(victim);

        // The log may have grown since it was first read (the node keeps recording): forge after its end as it is now.
        var last = await db.GetTable<AuditRow>().OrderByDescending(r => r.Seq).FirstAsync();
        var forged = new AuditRow
        {
            Seq = last.Seq + 1, Ordering = last.Ordering + 1_000_000, PersistenceId = victim.PersistenceId, SequenceNr = victim.SequenceNr + 1,
            EventType = victim.EventType, RecordedAt = victim.RecordedAt, Payload = victim.Payload, PreviousHash = last.Hash,
        };
        forged.Hash = AuditChain.HashOf(forged);
        await db.InsertAsync(forged);
        var inserted = await Verify();
        await Tamper(t => t.Where(r => r.Seq == forged.Seq).DeleteAsync());
        var restored = await Verify();

        Assert.Equal(("altered", victim.Seq), Problem(altered));
        Assert.Equal(("missing", victim.Seq), Problem(deleted));
        Assert.Equal(("inserted", forged.Seq), Problem(inserted));
        Assert.False(altered.GetProperty("intact").GetBoolean());
        Assert.True(restored.GetProperty("intact").GetBoolean(), restored.ToString());
    }
}

public sealed class SqliteAuditTamperSpecs(ClockedNodeFixture<SqliteTestDatabase> fixture) : AuditTamperSpecs<SqliteTestDatabase>(fixture);

public sealed class PostgresAuditTamperSpecs(ClockedNodeFixture<PostgresTestDatabase> fixture) : AuditTamperSpecs<PostgresTestDatabase>(fixture);
