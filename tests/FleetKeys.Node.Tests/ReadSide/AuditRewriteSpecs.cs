using System.Net;
using System.Text.Json;
using FleetKeys.Cluster.Projections;
using FleetKeys.Cluster.Projections.Audit;
using FleetKeys.Cluster.Projections.Rows;
using FleetKeys.Cluster.Security;
using FleetKeys.Domain.Audit;
using FleetKeys.Testing;
using LinqToDB;
using LinqToDB.Async;

namespace FleetKeys.Node.Tests.ReadSide;

/// <summary>
/// Someone with write access to the database rewrites a fact in the journal and its audit row, and recomputes the chain
/// after it with the rule the code documents: the row-by-row checks pass, the signed checkpoints do not.
/// </summary>
public abstract class AuditRewriteSpecs<TDatabase>(ClockedNodeFixture<TDatabase> fixture) : IClassFixture<ClockedNodeFixture<TDatabase>>
    where TDatabase : TestDatabase, new()
{
    private readonly ReadDatabase _database = new(fixture.Database.Settings);

    private async Task<JsonElement> Verify() =>
        await (await fixture.Node.Client(NodeApp.AuditorKey).GetAsync("/api/v1/audit/verify")).Read<JsonElement>(HttpStatusCode.OK);

    [Fact]
    public async Task A_consistent_rewrite_of_journal_and_audit_with_a_recomputed_chain_fails_against_the_signed_checkpoints_and_moving_them_is_forgery()
    {
        var (person, _) = await fixture.Floor.Person();
        await Eventually.Holds(async () =>
        {
            var intact = await Verify();
            Assert.True(intact.GetProperty("intact").GetBoolean(), intact.ToString());
            await using var db = _database.Open();
            Assert.True(await db.GetTable<AuditRow>().AnyAsync(r => r.PersistenceId == $"person-{person}" && r.Payload.Contains("\"MaxKeys\":5,")));
        });
        fixture.Clock.Advance(TimeSpan.FromMinutes(6));
        await fixture.Node.Service<AuditCheckpointer>().SignIfDue();
        var signed = await Verify();

        var victim = await AuditForger.RaiseKeyLimitEverywhere(_database, person, 5, 9);
        await using (var db = _database.Open())
            Assert.True(await db.GetTable<AuditCheckpointRow>().AnyAsync(c => c.Seq >= victim));

        var rewritten = await Verify();
        await using (var db = _database.Open())
        {
            // Moving the checkpoints to the new chain needs the signing key: without it, their signatures no longer verify.
            foreach (var checkpoint in await db.GetTable<AuditCheckpointRow>().ToListAsync())
            {
                checkpoint.Head = (await db.GetTable<AuditRow>().SingleAsync(r => r.Seq == checkpoint.Seq)).Hash;
                await db.UpdateAsync(checkpoint);
            }
        }

        var resigned = await Verify();

        Assert.True(signed.GetProperty("intact").GetBoolean(), signed.ToString());
        // What a verification covers: the rows, the time they span, and the last checkpoint they were held to.
        var covers = signed.GetProperty("covers");
        Assert.Equal(signed.GetProperty("rowsChecked").GetInt64(), covers.GetProperty("rows").GetInt64());
        Assert.True(covers.GetProperty("from").GetDateTimeOffset() <= covers.GetProperty("to").GetDateTimeOffset());
        Assert.True(covers.GetProperty("checkpoints").GetInt64() >= 1, signed.ToString());
        Assert.Equal(covers.GetProperty("lastCheckpoint").GetProperty("number").GetInt64(), covers.GetProperty("checkpoints").GetInt64());
        Assert.Equal("rewritten", rewritten.GetProperty("firstProblem").GetProperty("kind").GetString());
        Assert.False(rewritten.GetProperty("intact").GetBoolean());
        Assert.Equal("forgedCheckpoint", resigned.GetProperty("firstProblem").GetProperty("kind").GetString());
    }

    [Fact]
    public async Task The_audit_public_key_is_published_as_pem_and_the_bundle_names_it()
    {
        var auditor = fixture.Node.Client(NodeApp.AuditorKey);
        var pem = await (await auditor.GetAsync("/api/v1/audit/public-key")).Content.ReadAsStringAsync();
        var bundle = await (await auditor.GetAsync("/api/v1/audit/bundle")).Read<JsonElement>(HttpStatusCode.OK);
        var badRange = await (await auditor.GetAsync("/api/v1/audit/bundle?fromSeq=0&toSeq=x")).Read<JsonElement>(HttpStatusCode.BadRequest);

        var key = AuditPublicKey.FromPem(pem);
        Assert.StartsWith("-----BEGIN PUBLIC KEY-----", pem);
        Assert.Equal(fixture.Node.Service<AuditKeys>().Current.Id, key.Id);
        Assert.Equal(key.Id, bundle.GetProperty("publicKeyId").GetString());
        Assert.Equal("/api/v1/audit/public-key", bundle.GetProperty("publicKeyUrl").GetString());
        Assert.True(badRange.GetProperty("errors").TryGetProperty("fromSeq", out _));
        Assert.True(badRange.GetProperty("errors").TryGetProperty("toSeq", out _));
    }
}

public sealed class SqliteAuditRewriteSpecs(ClockedNodeFixture<SqliteTestDatabase> fixture) : AuditRewriteSpecs<SqliteTestDatabase>(fixture);

public sealed class PostgresAuditRewriteSpecs(ClockedNodeFixture<PostgresTestDatabase> fixture) : AuditRewriteSpecs<PostgresTestDatabase>(fixture);
