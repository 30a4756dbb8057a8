using FleetKeys.Cluster.Security;
using System.Text.Json;
using FleetKeys.Cluster.Projections.Audit;
using FleetKeys.Cluster.Projections.Rows;
using FleetKeys.Cluster.Serialization;
using FleetKeys.Cluster.Tests.Support;
using FleetKeys.Domain.Ids;
using FleetKeys.Domain.People;
using FleetKeys.Testing;
using LinqToDB;
using Microsoft.Extensions.Time.Testing;

namespace FleetKeys.Cluster.Tests.ReadSide;

/// <summary>
/// An audit log written before its rows were made from the public view holds PIN hashes, with its hash chain over them;
/// the node that starts on it writes it again from the journal, so it never serves one.
/// </summary>
public abstract class AuditUpgradeSpecs<TDatabase> : IAsyncLifetime where TDatabase : TestDatabase, new()
{
    private readonly TDatabase _database = new();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 6, 1, 8, 0, 0, TimeSpan.Zero));

    public Task InitializeAsync() => _database.InitializeAsync();

    public Task DisposeAsync() => _database.DisposeAsync();

    [Fact]
    public async Task An_audit_log_holding_pin_hashes_is_written_again_without_them_when_a_node_starts_on_it()
    {
        PersonId person;
        await using (var before = await TestNode.StartAsync(_database.Settings, _clock))
        {
            (person, _) = await new Fleet(before.Admin).Person(pin: "2468");
            var probe = new ReadSideProbe(before, _database.Settings);
            await probe.CaughtUp();
            await WriteAsBeforeThePublicView(probe, before, person);
        }

        await using var after = await TestNode.StartAsync(_database.Settings, _clock);
        var reopened = new ReadSideProbe(after, _database.Settings);
        await reopened.CaughtUp();
        var rows = await reopened.Rows<AuditRow>();
        var verification = await new AuditVerifier(reopened.Database, after.System, new AuditKeys(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32), 1), new AuditAnchors(new AuditSettings())).Verify();

        Assert.Contains(rows, r => r.PersistenceId == $"person-{person}" && r.EventType == "person.pin-set.v1");
        Assert.DoesNotContain(rows, r => r.Payload.Contains("pbkdf2", StringComparison.Ordinal));
        Assert.True(verification.Intact, $"audit log not intact: {verification.FirstProblem}");
    }

    /// <summary>The PIN set as the log used to hold it: the whole event, hash included, and the row's own hash over it.</summary>
    private static async Task WriteAsBeforeThePublicView(ReadSideProbe probe, TestNode node, PersonId person)
    {
        await using var db = probe.Database.Open();
        var row = db.GetTable<AuditRow>().Single(r => r.PersistenceId == $"person-{person}" && r.EventType == "person.pin-set.v1");
        var fact = JsonSerializer.Deserialize<PinSet>(row.Payload, FleetKeysJsonSerializer.Options)!;
        var journal = (await node.History.EventsOf($"person-{person}")).Select(e => e.Event).OfType<PinSet>().Single();
        row.Payload = JsonSerializer.Serialize(fact with { PinHash = journal.PinHash }, FleetKeysJsonSerializer.Options);
        row.Hash = AuditChain.HashOf(row);
        await db.UpdateAsync(row);
    }
}

public sealed class SqliteAuditUpgradeSpecs : AuditUpgradeSpecs<SqliteTestDatabase>;

public sealed class PostgresAuditUpgradeSpecs : AuditUpgradeSpecs<PostgresTestDatabase>;
